#include "adapters/crypto/builtin_tsa.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <vector>

#include "adapters/crypto/crypto_test_support.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/crypto/time_stamp_request.hpp"
#include "adapters/crypto/time_stamp_verifier.hpp"
#include "common/sha256.hpp"
#include "fakes/fake_clock.hpp"

namespace sealpost::adapters::crypto {
namespace {

using test_support::ReadFile;
using test_support::RunCommand;
using test_support::TempDir;
using test_support::WriteFile;

class BuiltinTsaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pki = DemoPki::LoadOrCreate(dir_, clock_);
    ASSERT_TRUE(pki) << pki.error().ToString();
    pki_.emplace(std::move(*pki));
    auto tsa = BuiltinTsa::Create(pki_->tsa_certificate(), pki_->tsa_key(), clock_, random_);
    ASSERT_TRUE(tsa) << tsa.error().ToString();
    tsa_ = std::move(*tsa);
  }

  std::string Path(const char* name) const { return (dir_ / name).string(); }

  TempDir tmp_;
  std::filesystem::path dir_ = tmp_.path();
  sealpost::testing::FakeClock clock_{test_support::TestTime()};
  common::SecureRandom random_;
  std::optional<DemoPki> pki_;
  std::unique_ptr<BuiltinTsa> tsa_;
};

TEST_F(BuiltinTsaTest, TokenVerifiesWithOpenSslCli) {
  common::Sha256Digest imprint = common::Sha256("the sealed evidence");
  auto token = tsa_->TimeStamp(imprint);
  ASSERT_TRUE(token) << token.error().ToString();
  WriteFile(dir_ / "token.der", token->der);

  // Verified at the token's genTime: the fake clock is in the future of the real one.
  std::string common_args = " -in " + Path("token.der") + " -token_in -CAfile " + Path("ca.pem") +
                            " -untrusted " + Path("tsa.pem");
  auto ok = RunCommand("openssl ts -verify -digest " + common::HexEncode(imprint) + common_args);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("Verification: OK"), std::string::npos) << ok.output;

  auto other = common::Sha256("other evidence");
  auto wrong = RunCommand("openssl ts -verify -digest " + common::HexEncode(other) + common_args);
  EXPECT_NE(wrong.exit_code, 0) << wrong.output;

  auto text =
      RunCommand("openssl ts -reply -in " + Path("token.der") + " -token_in -text -token_out");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("Policy OID: 1.3.6.1.4.1.99999.1.1"), std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("Time stamp: Nov 27 22:10:00.123456 2026 GMT"), std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("Accuracy: 0x01 seconds"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Hash Algorithm: sha256"), std::string::npos) << text.output;
}

TEST_F(BuiltinTsaTest, GenTimeComesFromTheInjectedClock) {
  auto token = tsa_->TimeStamp(common::Sha256("x"));
  ASSERT_TRUE(token) << token.error().ToString();
  EXPECT_EQ(token->gen_time, test_support::TestTime());
  clock_.Advance(std::chrono::seconds(90));
  auto later = tsa_->TimeStamp(common::Sha256("x"));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->gen_time, test_support::TestTime() + std::chrono::seconds(90));
}

TEST_F(BuiltinTsaTest, VerifierAcceptsTheTokenAndReportsItsFields) {
  common::Sha256Digest imprint = common::Sha256("evidence");
  auto token = tsa_->TimeStamp(imprint);
  ASSERT_TRUE(token);
  auto info = VerifyTimeStampToken(token->der, imprint, pki_->ca_certificate_pem());
  ASSERT_TRUE(info) << info.error().ToString();
  EXPECT_EQ(info->gen_time, test_support::TestTime());
  EXPECT_EQ(info->policy_oid, BuiltinTsa::kDefaultPolicyOid);
  EXPECT_EQ(info->tsa_subject, "CN=sealpost demo TSA,O=sealpost demo,C=BE");
  EXPECT_GE(info->serial_hex.size(), 20u);
  EXPECT_EQ(info->serial_hex.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST_F(BuiltinTsaTest, VerifierRejectsAnotherImprint) {
  auto token = tsa_->TimeStamp(common::Sha256("evidence"));
  ASSERT_TRUE(token);
  auto info =
      VerifyTimeStampToken(token->der, common::Sha256("evidence."), pki_->ca_certificate_pem());
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, common::ErrorCode::kInvalidArgument);
}

// Byte ranges of `token` holding what the signature protects: the TSTInfo, each signed attribute,
// the signature value and the TSA certificate (bound by the ESSCertIDv2 attribute).
std::vector<std::pair<std::size_t, std::size_t>> ProtectedRanges(const common::Bytes& token,
                                                                 X509* tsa_certificate) {
  std::vector<common::Bytes> parts;
  auto add = [&parts](auto* object, auto i2d) {
    unsigned char* der = nullptr;
    int len = i2d(object, &der);
    if (len > 0) parts.emplace_back(der, der + len);
    OPENSSL_free(der);
  };
  const unsigned char* in = token.data();
  Pkcs7Ptr p7(d2i_PKCS7(nullptr, &in, static_cast<long>(token.size())));
  TsTstInfoPtr tst(PKCS7_to_TS_TST_INFO(p7.get()));
  add(tst.get(), i2d_TS_TST_INFO);
  PKCS7_SIGNER_INFO* signer = sk_PKCS7_SIGNER_INFO_value(PKCS7_get_signer_info(p7.get()), 0);
  for (int i = 0; i < sk_X509_ATTRIBUTE_num(signer->auth_attr); ++i) {
    add(sk_X509_ATTRIBUTE_value(signer->auth_attr, i), i2d_X509_ATTRIBUTE);
  }
  parts.emplace_back(signer->enc_digest->data,
                     signer->enc_digest->data + signer->enc_digest->length);
  add(tsa_certificate, i2d_X509);
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const auto& part : parts) {
    auto at = std::search(token.begin(), token.end(), part.begin(), part.end());
    EXPECT_NE(at, token.end()) << "part not found in token";
    if (at != token.end()) {
      auto begin = static_cast<std::size_t>(at - token.begin());
      ranges.emplace_back(begin, begin + part.size());
    }
  }
  return ranges;
}

TEST_F(BuiltinTsaTest, VerifierRejectsFlippedBytesInEverythingSigned) {
  common::Sha256Digest imprint = common::Sha256("evidence");
  auto token = tsa_->TimeStamp(imprint);
  ASSERT_TRUE(token);
  std::vector<X509*> anchors{pki_->ca_certificate()};
  auto original = VerifyTimeStampToken(token->der, imprint, anchors);
  ASSERT_TRUE(original);
  auto ranges = ProtectedRanges(token->der, pki_->tsa_certificate());
  ASSERT_EQ(ranges.size(), 7u);  // TSTInfo, 4 signed attributes, signature, certificate

  std::size_t protected_bytes = 0;
  std::vector<std::size_t> accepted;
  for (std::size_t i = 0; i < token->der.size(); ++i) {
    common::Bytes tampered = token->der;
    tampered[i] ^= 0x01;
    auto info = VerifyTimeStampToken(tampered, imprint, anchors);
    bool is_protected = std::any_of(ranges.begin(), ranges.end(), [i](const auto& range) {
      return i >= range.first && i < range.second;
    });
    protected_bytes += is_protected ? 1 : 0;
    if (!info) continue;
    accepted.push_back(i);
    EXPECT_FALSE(is_protected) << "accepted a flip in signed content at offset " << i;
    // CMS framing OpenSSL does not interpret (versions, NULL parameters, the signatureAlgorithm
    // OID) is malleable, but what the token says cannot change.
    EXPECT_EQ(info->gen_time, original->gen_time);
    EXPECT_EQ(info->serial_hex, original->serial_hex);
    EXPECT_EQ(info->policy_oid, original->policy_oid);
    EXPECT_EQ(info->tsa_subject, original->tsa_subject);
  }
  EXPECT_GT(protected_bytes, token->der.size() * 3 / 4);  // the ranges cover most of the token
  EXPECT_LE(accepted.size(), 16u);
}

TEST_F(BuiltinTsaTest, VerifierRejectsAnUntrustedTsa) {
  common::Sha256Digest imprint = common::Sha256("evidence");
  auto token = tsa_->TimeStamp(imprint);
  ASSERT_TRUE(token);
  TempDir other_dir;
  auto other = DemoPki::LoadOrCreate(other_dir.path(), clock_);
  ASSERT_TRUE(other);
  auto info = VerifyTimeStampToken(token->der, imprint, other->ca_certificate_pem());
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, common::ErrorCode::kInvalidArgument);
  // Not a time-stamping certificate: the seal certificate cannot stand in for the CA either.
  EXPECT_FALSE(VerifyTimeStampToken(token->der, imprint, pki_->seal_certificate_pem()));
}

TEST_F(BuiltinTsaTest, ChainIsCheckedAtGenTimeNotNow) {
  // A PKI made in 2001 expired in 2011; a token made while it was valid stays valid today, one
  // made after the TSA certificate expired does not.
  TempDir old_dir;
  sealpost::testing::FakeClock old_clock{test_support::TestTime(2001)};
  auto old_pki = DemoPki::LoadOrCreate(old_dir.path(), old_clock);
  ASSERT_TRUE(old_pki);
  auto old_tsa =
      BuiltinTsa::Create(old_pki->tsa_certificate(), old_pki->tsa_key(), old_clock, random_);
  ASSERT_TRUE(old_tsa);
  common::Sha256Digest imprint = common::Sha256("old evidence");

  old_clock.Set(test_support::TestTime(2005));
  auto in_time = (*old_tsa)->TimeStamp(imprint);
  ASSERT_TRUE(in_time);
  auto info = VerifyTimeStampToken(in_time->der, imprint, old_pki->ca_certificate_pem());
  EXPECT_TRUE(info) << info.error().ToString();

  old_clock.Set(test_support::TestTime(2015));
  auto too_late = (*old_tsa)->TimeStamp(imprint);
  ASSERT_TRUE(too_late);
  EXPECT_FALSE(VerifyTimeStampToken(too_late->der, imprint, old_pki->ca_certificate_pem()));

  old_clock.Set(test_support::TestTime(1999));  // before the certificate existed
  auto too_early = (*old_tsa)->TimeStamp(imprint);
  ASSERT_TRUE(too_early);
  EXPECT_FALSE(VerifyTimeStampToken(too_early->der, imprint, old_pki->ca_certificate_pem()));
}

TEST_F(BuiltinTsaTest, RespondAnswersARequestFromTheOpenSslCli) {
  WriteFile(dir_ / "data.bin", std::string("some content"));
  auto query = RunCommand("openssl ts -query -data " + Path("data.bin") + " -sha256 -cert -out " +
                          Path("req.tsq"));
  ASSERT_EQ(query.exit_code, 0) << query.output;
  auto response = tsa_->Respond(common::ToBytes(ReadFile(dir_ / "req.tsq")));
  ASSERT_TRUE(response) << response.error().ToString();
  WriteFile(dir_ / "resp.tsr", *response);
  auto verify = RunCommand("openssl ts -verify -queryfile " + Path("req.tsq") + " -in " +
                           Path("resp.tsr") + " -CAfile " + Path("ca.pem"));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;

  // The CLI checks the nonce too: a response to another request must fail.
  auto query2 = RunCommand("openssl ts -query -data " + Path("data.bin") + " -sha256 -cert -out " +
                           Path("req2.tsq"));
  ASSERT_EQ(query2.exit_code, 0) << query2.output;
  auto mismatch = RunCommand("openssl ts -verify -queryfile " + Path("req2.tsq") + " -in " +
                             Path("resp.tsr") + " -CAfile " + Path("ca.pem"));
  EXPECT_NE(mismatch.exit_code, 0) << mismatch.output;
}

TEST_F(BuiltinTsaTest, RespondRejectsGarbageWithARejectionResponse) {
  auto response = tsa_->Respond(common::ToBytes("definitely not DER"));
  ASSERT_TRUE(response) << response.error().ToString();
  auto request = NewTimeStampRequest(common::Sha256("x"), random_);
  ASSERT_TRUE(request);
  auto token = TokenFromResponse(request->request.get(), *response);
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, common::ErrorCode::kUnavailable);
  EXPECT_NE(token.error().message.find("status 2"), std::string::npos) << token.error().message;

  EXPECT_FALSE(tsa_->Respond({}));
  EXPECT_FALSE(tsa_->Respond(common::Bytes(BuiltinTsa::kMaxRequestSize + 1, 0x30)));
}

TEST_F(BuiltinTsaTest, TokenFromResponseRejectsAResponseToAnotherRequest) {
  auto first = NewTimeStampRequest(common::Sha256("x"), random_);
  auto second = NewTimeStampRequest(common::Sha256("x"), random_);  // same imprint, other nonce
  auto third = NewTimeStampRequest(common::Sha256("y"), random_);
  ASSERT_TRUE(first && second && third);
  auto response = tsa_->Respond(first->der);
  ASSERT_TRUE(response);
  EXPECT_TRUE(TokenFromResponse(first->request.get(), *response));
  EXPECT_FALSE(TokenFromResponse(second->request.get(), *response));
  EXPECT_FALSE(TokenFromResponse(third->request.get(), *response));
}

// The in-memory overload (used by the built-in TSA, which skips the DER round trip) applies the
// same nonce and imprint checks as the DER one.
TEST_F(BuiltinTsaTest, InMemoryTokenFromResponseChecksNonceAndImprint) {
  auto first = NewTimeStampRequest(common::Sha256("x"), random_);
  auto second = NewTimeStampRequest(common::Sha256("x"), random_);  // same imprint, other nonce
  auto third = NewTimeStampRequest(common::Sha256("y"), random_);
  ASSERT_TRUE(first && second && third);
  auto der = tsa_->Respond(first->der);
  ASSERT_TRUE(der);
  const unsigned char* in = der->data();
  TsRespPtr response(d2i_TS_RESP(nullptr, &in, static_cast<long>(der->size())));
  ASSERT_TRUE(response);
  auto token = TokenFromResponse(first->request.get(), response.get());
  ASSERT_TRUE(token) << token.error().ToString();
  EXPECT_TRUE(VerifyTimeStampToken(token->der, common::Sha256("x"), pki_->ca_certificate_pem()));
  EXPECT_FALSE(TokenFromResponse(second->request.get(), response.get()));
  EXPECT_FALSE(TokenFromResponse(third->request.get(), response.get()));
  EXPECT_FALSE(TokenFromResponse(first->request.get(), nullptr));
}

TEST_F(BuiltinTsaTest, RefusesACertificateWithoutTimeStampingUsage) {
  auto tsa = BuiltinTsa::Create(pki_->seal_certificate(), pki_->seal_key(), clock_, random_);
  ASSERT_FALSE(tsa);
  EXPECT_EQ(tsa.error().code, common::ErrorCode::kInvalidArgument);
  auto mismatched = BuiltinTsa::Create(pki_->tsa_certificate(), pki_->seal_key(), clock_, random_);
  EXPECT_FALSE(mismatched);
}

TEST_F(BuiltinTsaTest, ConcurrentCallsGiveValidTokensWithUniqueSerials) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 15;
  std::vector<std::vector<std::string>> serials(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto imprint = common::Sha256(std::to_string(t) + "/" + std::to_string(i));
        auto token = tsa_->TimeStamp(imprint);
        if (!token) continue;
        auto info = VerifyTimeStampToken(token->der, imprint, pki_->ca_certificate_pem());
        if (info) serials[t].push_back(info->serial_hex);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> unique;
  std::size_t total = 0;
  for (const auto& list : serials) {
    total += list.size();
    unique.insert(list.begin(), list.end());
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(unique.size(), total);
}

// Responses are built in parallel from pooled TS_RESP_CTX: DER requests (Respond) and TimeStamp
// interleaved from many threads must each get a token for their own request, with unique serials.
TEST_F(BuiltinTsaTest, PooledContextsAnswerInterleavedRespondAndTimeStampCalls) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20;
  std::vector<std::vector<std::string>> serials(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto imprint = common::Sha256("pool/" + std::to_string(t) + "/" + std::to_string(i));
        common::Result<app::TimeStampToken> token = common::Fail(common::ErrorCode::kInternal, "");
        if ((t + i) % 2 == 0) {
          token = tsa_->TimeStamp(imprint);
        } else {
          auto request = NewTimeStampRequest(imprint, random_);
          auto response = request ? tsa_->Respond(request->der)
                                  : common::Result<common::Bytes>(common::Fail(request.error()));
          if (response) token = TokenFromResponse(request->request.get(), *response);
        }
        auto info = token ? VerifyTimeStampToken(token->der, imprint, pki_->ca_certificate_pem())
                          : common::Result<TimeStampInfo>(common::Fail(token.error()));
        if (info) {
          serials[static_cast<std::size_t>(t)].push_back(info->serial_hex);
        } else {
          ++failures[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> unique;
  std::size_t total = 0;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[static_cast<std::size_t>(t)], 0) << "thread " << t;
    total += serials[static_cast<std::size_t>(t)].size();
    unique.insert(serials[static_cast<std::size_t>(t)].begin(),
                  serials[static_cast<std::size_t>(t)].end());
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(unique.size(), total);
}

}  // namespace
}  // namespace sealpost::adapters::crypto
