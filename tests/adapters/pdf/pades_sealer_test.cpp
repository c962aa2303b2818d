// PadesPdfSealer, checked by independent verifiers: poppler's pdfsig (NSS) and the openssl CLI on
// the CMS cut out of /Contents with the byte range rebuilt by hand.
#include "adapters/pdf/pades_sealer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "pdf_test_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace test_support;
using ::testing::HasSubstr;
using ::testing::Not;

struct Ranges {
  long long a = 0, b = 0, c = 0;
};

// The last /ByteRange of the file, read with a regex (independent of the adapter's parser).
Ranges LastByteRange(const std::string& pdf) {
  const std::regex byte_range(R"(/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\])");
  Ranges ranges;
  for (auto it = std::sregex_iterator(pdf.begin(), pdf.end(), byte_range);
       it != std::sregex_iterator(); ++it) {
    ranges = {std::stoll((*it)[1]), std::stoll((*it)[2]), std::stoll((*it)[3])};
  }
  return ranges;
}

std::string Seal(const std::string& pdf) {
  auto sealed = SealingEnvironment::Get().sealer().Seal(pdf);
  EXPECT_TRUE(sealed.has_value()) << (sealed ? "" : sealed.error().ToString());
  return sealed ? *sealed : std::string();
}

TEST(PadesSealerTest, PdfsigFindsAValidCadesSignatureByTheSealCertificate) {
  const std::string sealed = Seal(RenderCertificate());
  TempDir dir;
  const CommandResult sig = RunOnFile("pdfsig", dir.Write("sealed.pdf", sealed));
  EXPECT_EQ(sig.exit_code, 0) << sig.output;
  EXPECT_THAT(sig.output, HasSubstr("Signature Validation: Signature is Valid."));
  EXPECT_THAT(sig.output, HasSubstr("Signer Certificate Common Name: sealpost demo seal"));
  EXPECT_THAT(sig.output, HasSubstr("Signature Type: ETSI.CAdES.detached"));
  EXPECT_THAT(sig.output, HasSubstr("Signing Hash Algorithm: SHA-256"));
  EXPECT_THAT(sig.output, HasSubstr("Total document signed"));
  EXPECT_THAT(sig.output, Not(HasSubstr("Syntax Error")));
}

TEST(PadesSealerTest, TheRenderedBytesAreKeptUnchangedBeforeTheUpdate) {
  const std::string pdf = RenderCertificate();
  const std::string sealed = Seal(pdf);
  ASSERT_GT(sealed.size(), pdf.size());
  EXPECT_EQ(sealed.compare(0, pdf.size(), pdf), 0);
  // The update names the seal in the dictionary a viewer shows.
  EXPECT_THAT(sealed, HasSubstr("/SubFilter/ETSI.CAdES.detached"));
  EXPECT_THAT(sealed, HasSubstr("/Filter/Adobe.PPKLite"));
}

TEST(PadesSealerTest, OpensslVerifiesTheCmsOverTheByteRangeRebuiltByHand) {
  const std::string sealed = Seal(RenderCertificate());
  const Ranges ranges = LastByteRange(sealed);
  ASSERT_GT(ranges.a, 0);
  ASSERT_EQ(ranges.b + ranges.c, static_cast<long long>(sealed.size()));
  std::string hex = sealed.substr(static_cast<std::size_t>(ranges.a + 1),
                                  static_cast<std::size_t>(ranges.b - ranges.a - 2));
  auto der = common::HexDecode(hex);
  ASSERT_TRUE(der.has_value());
  const std::string content = sealed.substr(0, static_cast<std::size_t>(ranges.a)) +
                              sealed.substr(static_cast<std::size_t>(ranges.b));

  TempDir dir;
  const std::string cms_path = dir.Write("signature.der", common::ToString(*der));
  const std::string content_path = dir.Write("content.bin", content);
  // openssl reads one DER element: the zero padding after it is ignored.
  const CommandResult verify = RunCommand(
      "openssl cms -verify -binary -inform DER -in " + ShellQuote(cms_path) + " -content " +
      ShellQuote(content_path) + " -CAfile " + ShellQuote(SealingEnvironment::Get().ca_pem_path()) +
      " -purpose any -out /dev/null");
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_THAT(verify.output, HasSubstr("Verification successful"));

  // PAdES baseline: signing-certificate-v2 signed, no signing-time attribute (the claimed time
  // is /M), and the B-T signature time-stamp as unsigned attribute.
  const CommandResult print =
      RunCommand("openssl cms -cmsout -print -inform DER -in " + ShellQuote(cms_path));
  ASSERT_EQ(print.exit_code, 0) << print.output;
  // Our SignerInfo's signed attributes: from the first "signedAttrs:" to its signature
  // algorithm (the time-stamp token printed later has signed attributes of its own).
  const std::size_t begin = print.output.find("signedAttrs:");
  const std::size_t end = print.output.find("signatureAlgorithm:", begin);
  ASSERT_NE(end, std::string::npos);
  const std::string signed_attributes = print.output.substr(begin, end - begin);
  EXPECT_THAT(signed_attributes, HasSubstr("id-smime-aa-signingCertificateV2"));
  EXPECT_THAT(signed_attributes, HasSubstr("contentType"));
  EXPECT_THAT(signed_attributes, HasSubstr("messageDigest"));
  EXPECT_THAT(signed_attributes, Not(HasSubstr("signingTime")));
  EXPECT_THAT(print.output.substr(end), HasSubstr("id-smime-aa-timeStampToken"));
  EXPECT_THAT(print.output, HasSubstr("CN=sealpost demo root CA"));  // the chain is embedded

  // Changing one covered byte breaks it for openssl too.
  std::string tampered = content;
  tampered[tampered.size() / 2] ^= 0x01;
  const CommandResult broken = RunCommand(
      "openssl cms -verify -binary -inform DER -in " + ShellQuote(cms_path) + " -content " +
      ShellQuote(dir.Write("tampered.bin", tampered)) + " -CAfile " +
      ShellQuote(SealingEnvironment::Get().ca_pem_path()) + " -purpose any -out /dev/null");
  EXPECT_NE(broken.exit_code, 0);
}

TEST(PadesSealerTest, PdfsigSeesATamperedByteInsideTheSignedRange) {
  std::string sealed = Seal(RenderCertificate());
  // The producer string of the original /Info object, well inside the first range.
  const std::size_t at = sealed.find("cairographics");
  ASSERT_NE(at, std::string::npos);
  ASSERT_LT(static_cast<long long>(at), LastByteRange(sealed).a);
  sealed[at] = 'C';
  TempDir dir;
  const CommandResult sig = RunOnFile("pdfsig", dir.Write("tampered.pdf", sealed));
  EXPECT_THAT(sig.output, Not(HasSubstr("Signature is Valid")));
  EXPECT_THAT(sig.output, HasSubstr("Digest Mismatch"));
}

TEST(PadesSealerTest, SealingASealedPdfKeepsTheFirstSealValid) {
  const std::string twice = Seal(Seal(RenderCertificate()));
  TempDir dir;
  const CommandResult sig = RunOnFile("pdfsig", dir.Write("twice.pdf", twice));
  EXPECT_THAT(sig.output, HasSubstr("Signature Field Name: sealpost-seal-1"));
  EXPECT_THAT(sig.output, HasSubstr("Signature Field Name: sealpost-seal-2"));
  const std::regex valid("Signature is Valid");
  EXPECT_EQ(std::distance(std::sregex_iterator(sig.output.begin(), sig.output.end(), valid),
                          std::sregex_iterator()),
            2)
      << sig.output;
}

TEST(PadesSealerTest, SealsConcurrentlyFromSeveralThreads) {
  const std::string pdf = RenderCertificate();
  std::vector<std::string> sealed(4);
  std::vector<std::thread> threads;
  for (auto& out : sealed) {
    threads.emplace_back([&pdf, &out] {
      auto result = SealingEnvironment::Get().sealer().Seal(pdf);
      if (result) out = std::move(*result);
    });
  }
  for (auto& thread : threads) thread.join();
  auto& environment = SealingEnvironment::Get();
  for (const auto& out : sealed) {
    ASSERT_FALSE(out.empty());
    auto reports = environment.inspector().Inspect(out, environment.anchors());
    ASSERT_TRUE(reports.has_value()) << reports.error().ToString();
    ASSERT_EQ(reports->size(), 1u);
    EXPECT_EQ(reports->front().verdict, app::PdfSignatureVerdict::kValid)
        << ::testing::PrintToString(reports->front().problems);
  }
}

TEST(PadesSealerTest, WithoutATimeStamperTheSealIsBaselineB) {
  auto sealer = SealingEnvironment::Get().NewSealerWithoutTimeStamps();
  auto sealed = sealer->Seal(RenderCertificate());
  ASSERT_TRUE(sealed.has_value()) << sealed.error().ToString();
  TempDir dir;
  EXPECT_THAT(RunOnFile("pdfsig", dir.Write("bb.pdf", *sealed)).output,
              HasSubstr("Signature is Valid"));
  auto& environment = SealingEnvironment::Get();
  auto reports = environment.inspector().Inspect(*sealed, environment.anchors());
  ASSERT_TRUE(reports.has_value());
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_FALSE(reports->front().has_time_stamp);
  // Only the claimed time of /M is left.
  EXPECT_EQ(reports->front().signing_time_source, app::PdfSigningTimeSource::kSignatureDictionary);
  EXPECT_EQ(reports->front().verdict, app::PdfSignatureVerdict::kValid);
}

// A TSA whose tokens are larger than the room first reserved: the sealer signs again with a
// larger placeholder instead of failing or truncating.
class OversizedTokenStamper final : public app::TimeStamper {
 public:
  common::Result<app::TimeStampToken> TimeStamp(const common::Sha256Digest&) override {
    common::Bytes der{0x30, 0x82, 0x4e, 0x20};  // SEQUENCE of 20000 bytes
    der.resize(4 + 20000, 0x05);
    return app::TimeStampToken{der, {}};
  }
};

TEST(PadesSealerTest, AGrowingSignatureGetsALargerPlaceholder) {
  auto& environment = SealingEnvironment::Get();
  OversizedTokenStamper stamper;
  auto sealer = PadesPdfSealer::Create(crypto::UpRef(environment.pki().seal_key()),
                                       crypto::UpRef(environment.pki().seal_certificate()), {},
                                       &stamper, environment.clock(), {});
  ASSERT_TRUE(sealer.has_value());
  auto sealed = (*sealer)->Seal(RenderCertificate());
  ASSERT_TRUE(sealed.has_value()) << sealed.error().ToString();
  EXPECT_GT(LastByteRange(*sealed).b - LastByteRange(*sealed).a, 2 * 20000);
  auto reports = environment.inspector().Inspect(*sealed, environment.anchors());
  ASSERT_TRUE(reports.has_value());
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_TRUE(reports->front().digest_ok);
  EXPECT_TRUE(reports->front().has_time_stamp);
  EXPECT_FALSE(reports->front().time_stamp_intact);  // not a real token: reported as broken
  EXPECT_EQ(reports->front().verdict, app::PdfSignatureVerdict::kInvalid);
}

TEST(PadesSealerTest, RefusesWhatIsNotAPdfAndKeysThatDoNotMatch) {
  auto& environment = SealingEnvironment::Get();
  auto garbage = environment.sealer().Seal("not a pdf at all");
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().code, common::ErrorCode::kInvalidArgument);

  auto mismatched = PadesPdfSealer::Create(crypto::UpRef(environment.pki().tsa_key()),
                                           crypto::UpRef(environment.pki().seal_certificate()), {},
                                           nullptr, environment.clock(), {});
  ASSERT_FALSE(mismatched.has_value());
  EXPECT_EQ(mismatched.error().code, common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::adapters::pdf
