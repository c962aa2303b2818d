// Seals real evidences (demo PKI, built-in RFC 3161 TSA), verifies them with EvidenceVerifier and
// with independent tools (xmlsec1, openssl ts, xmllint), then tampers with them.
#include "adapters/evidence/xades_sealer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "adapters/evidence/evidence_verifier.hpp"
#include "common/sha256.hpp"
#include "evidence_test_support.hpp"

namespace sealpost::adapters::evidence {
namespace {

using test_support::CommandResult;
using test_support::ElementText;
using test_support::RunCommand;
using test_support::SealingEnvironment;
using test_support::ShellQuote;
using test_support::WriteFile;
using ::testing::HasSubstr;

class XadesSealerTest : public ::testing::Test {
 protected:
  SealingEnvironment& env = SealingEnvironment::Get();

  std::string Seal(const domain::Evidence& evidence) {
    auto sealed = env.sealer().Seal(evidence);
    EXPECT_TRUE(sealed.has_value()) << (sealed ? "" : sealed.error().ToString());
    return sealed.value_or("");
  }
  VerificationReport Verify(const std::string& xml) {
    return EvidenceVerifier::Verify(xml, {env.pki().ca_certificate_pem()});
  }
  std::string Write(const std::string& name, const std::string& xml) {
    auto path = env.dir() / name;
    WriteFile(path, xml);
    return path.string();
  }
  CommandResult XmlSec1(const std::string& path) {
    return RunCommand("xmlsec1 --verify --trusted-pem " + ShellQuote(env.ca_pem_path()) +
                      " --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties' " +
                      ShellQuote(path) + " 2>&1");
  }
  static std::string Describe(const VerificationReport& report) {
    std::string out;
    for (const auto& c : report.checks)
      out += c.name + (c.passed ? " ok: " : " FAILED: ") + c.detail + "\n";
    return out;
  }
  static bool Passed(const VerificationReport& report, const char* name) {
    const VerificationCheck* check = report.Find(name);
    return check != nullptr && check->passed;
  }
  // Replaces the first occurrence of `from` after `anchor`.
  static std::string Replace(std::string xml, const std::string& anchor, const std::string& from,
                             const std::string& to) {
    auto at = xml.find(anchor);
    EXPECT_NE(at, std::string::npos) << anchor;
    auto pos = xml.find(from, at);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) xml.replace(pos, from.size(), to);
    return xml;
  }
  // Changes one base64 character inside the text of the first `tag` element.
  static std::string FlipBase64(std::string xml, const std::string& tag, std::size_t offset = 10) {
    auto open = xml.find("<" + tag);
    EXPECT_NE(open, std::string::npos) << tag;
    std::size_t pos = xml.find('>', open) + 1 + offset;
    char& c = xml[pos];
    c = c == 'A' ? 'B' : 'A';
    return xml;
  }
};

TEST_F(XadesSealerTest, PositiveEvidenceVerifiesWithEveryCheck) {
  domain::Evidence evidence = env.PositiveEvidence();
  std::string xml = Seal(evidence);
  ASSERT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")) << xml.substr(0, 60);
  VerificationReport report = Verify(xml);
  EXPECT_TRUE(report.ok) << Describe(report);
  EXPECT_EQ(report.checks.size(), 6u);
  EXPECT_EQ(report.summary.event_name, "SubmissionAcceptance");
  EXPECT_EQ(report.summary.evidence_id, evidence.id);
  EXPECT_EQ(report.summary.message_id, evidence.message_id);
  EXPECT_EQ(report.summary.sender_name, "An Peeters");
  EXPECT_EQ(report.summary.sender_identifier, "mailto:an.peeters@example.be");
  EXPECT_EQ(report.summary.recipient_name, "Acme Belgium NV");
  EXPECT_EQ(report.summary.recipient_identifier, "mailto:legal@acme.example");
  EXPECT_EQ(report.summary.event_time, common::FormatRfc3339(evidence.event_time));
  ASSERT_TRUE(report.summary.time_stamp_gen_time.has_value());
  EXPECT_LE(*report.summary.time_stamp_gen_time - env.clock().Now(), std::chrono::seconds(2));
  ASSERT_EQ(report.summary.parts.size(), 1u);
  EXPECT_EQ(report.summary.parts[0].file_name, "brief.pdf");
  EXPECT_EQ(report.summary.parts[0].content_type, "application/pdf");
  EXPECT_EQ(report.summary.parts[0].sha256_hex, evidence.parts[0].sha256);
  EXPECT_FALSE(report.summary.signing_time.empty());
}

TEST_F(XadesSealerTest, NegativeEvidenceCarriesItsReasonAndVerifies) {
  std::string xml = Seal(env.NegativeEvidence());
  EXPECT_THAT(xml, HasSubstr("<ev:Code>http://uri.etsi.org/19522/Reason/RA03</ev:Code>"));
  VerificationReport report = Verify(xml);
  EXPECT_TRUE(report.ok) << Describe(report);
  EXPECT_EQ(report.summary.event_name, "SubmissionRejection");
  EXPECT_EQ(report.summary.reason_code, "RA03");
}

TEST_F(XadesSealerTest, IndependentXmlSec1AcceptsBothKinds) {
  for (const auto& evidence : {env.PositiveEvidence(), env.NegativeEvidence()}) {
    std::string path = Write("cli-" + evidence.id + ".xml", Seal(evidence));
    CommandResult result = XmlSec1(path);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_THAT(result.output, HasSubstr("OK"));
  }
}

TEST_F(XadesSealerTest, IndependentOpenSslAcceptsTheTimeStampOverAnIndependentC14n) {
  std::string xml = Seal(env.PositiveEvidence());
  std::string c14n = test_support::IndependentSignatureValueC14n(xml, env.dir());
  ASSERT_FALSE(c14n.empty());
  ASSERT_TRUE(
      c14n.starts_with("<ds:SignatureValue xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"))
      << c14n;
  auto token = common::Base64Decode(ElementText(xml, "xades:EncapsulatedTimeStamp"));
  ASSERT_TRUE(token.has_value());
  auto token_path = env.dir() / "token.der";
  WriteFile(token_path, common::ToString(*token));
  const std::string digest = common::HexEncode(common::Sha256(c14n));
  CommandResult result =
      RunCommand("openssl ts -verify -in " + ShellQuote(token_path.string()) +
                 " -token_in -digest " + digest + " -CAfile " + ShellQuote(env.ca_pem_path()) +
                 " -untrusted " + ShellQuote(env.tsa_pem_path()) + " 2>&1");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("Verification: OK"));
  // A different imprint must be refused by the same command (the check is not vacuous).
  CommandResult wrong = RunCommand(
      "openssl ts -verify -in " + ShellQuote(token_path.string()) + " -token_in -digest " +
      common::HexEncode(common::Sha256(c14n + " ")) + " -CAfile " + ShellQuote(env.ca_pem_path()) +
      " -untrusted " + ShellQuote(env.tsa_pem_path()) + " 2>&1");
  EXPECT_NE(wrong.exit_code, 0);
}

TEST_F(XadesSealerTest, TamperedRecipientNameBreaksTheCore) {
  std::string xml = Replace(Seal(env.PositiveEvidence()), "<ev:RecipientDetails>", "Acme Belgium",
                            "Acme Belgiun");
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kXmlDsigCore)) << Describe(report);
  EXPECT_TRUE(Passed(report, checks::kSignatureStructure));
  EXPECT_TRUE(Passed(report, checks::kTimeStamp));
  EXPECT_NE(XmlSec1(Write("tamper-recipient.xml", xml)).exit_code, 0);
}

TEST_F(XadesSealerTest, TamperedSubjectBreaksTheCore) {
  std::string xml =
      Replace(Seal(env.PositiveEvidence()), "<ev:MessageSubject>", "2026/17", "2026/18");
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kXmlDsigCore)) << Describe(report);
  EXPECT_NE(XmlSec1(Write("tamper-subject.xml", xml)).exit_code, 0);
}

TEST_F(XadesSealerTest, TamperedPartDigestBreaksTheCore) {
  std::string xml =
      FlipBase64(Seal(env.PositiveEvidence()), "ds:DigestValue", 3);  // the PartInfo digest
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kXmlDsigCore)) << Describe(report);
  EXPECT_NE(XmlSec1(Write("tamper-part.xml", xml)).exit_code, 0);
}

TEST_F(XadesSealerTest, TamperedSigningTimeBreaksTheSignedPropertiesReference) {
  std::string sealed = Seal(env.PositiveEvidence());
  std::string time = ElementText(sealed, "xades:SigningTime");
  ASSERT_FALSE(time.empty());
  std::string altered = time;
  altered[3] = altered[3] == '9' ? '8' : '9';  // the year
  std::string xml = Replace(sealed, "<xades:SigningTime>", time, altered);
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  const VerificationCheck* core = report.Find(checks::kXmlDsigCore);
  ASSERT_NE(core, nullptr);
  EXPECT_FALSE(core->passed);
  EXPECT_THAT(core->detail, HasSubstr("#xades-")) << core->detail;
  EXPECT_NE(XmlSec1(Write("tamper-signing-time.xml", xml)).exit_code, 0);
}

TEST_F(XadesSealerTest, TamperedSignatureValueBreaksCoreAndTimeStamp) {
  std::string xml = FlipBase64(Seal(env.PositiveEvidence()), "ds:SignatureValue");
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kXmlDsigCore)) << Describe(report);
  EXPECT_FALSE(Passed(report, checks::kTimeStamp)) << Describe(report);
  EXPECT_NE(XmlSec1(Write("tamper-signature.xml", xml)).exit_code, 0);
}

TEST_F(XadesSealerTest, TamperedTimeStampFailsOnlyTheTimeStampCheck) {
  std::string xml = FlipBase64(Seal(env.PositiveEvidence()), "xades:EncapsulatedTimeStamp", 400);
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kTimeStamp)) << Describe(report);
  EXPECT_TRUE(Passed(report, checks::kXmlDsigCore)) << Describe(report);
  // The token is an unsigned property: the XMLDSig core (all xmlsec1 checks) still holds.
  EXPECT_EQ(XmlSec1(Write("tamper-token.xml", xml)).exit_code, 0);
}

TEST_F(XadesSealerTest, SecondSignedPropertiesIsAWrappingAttack) {
  std::string xml = Seal(env.PositiveEvidence());
  auto start = xml.find("<xades:SignedProperties");
  auto end =
      xml.find("</xades:SignedProperties>") + std::string("</xades:SignedProperties>").size();
  std::string copy = xml.substr(start, end - start);
  copy = Replace(copy, "Id=\"", "xades-", "other-");
  xml.insert(end, copy);
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kSignatureStructure)) << Describe(report);
}

TEST_F(XadesSealerTest, SignedPropertiesMovedAwayFromTheSignatureIsAWrappingAttack) {
  // The signed properties stay intact (so every digest matches) but the ones inside the signature
  // are swapped for forged ones under another Id: the reference no longer designates what is used.
  std::string xml = Seal(env.PositiveEvidence());
  auto start = xml.find("<xades:SignedProperties");
  auto end =
      xml.find("</xades:SignedProperties>") + std::string("</xades:SignedProperties>").size();
  std::string original = xml.substr(start, end - start);
  std::string forged = Replace(original, "Id=\"", "xades-", "forged-");
  xml.replace(start, end - start, forged);
  xml = Replace(xml, "<ev:Extensions>", "<ev:Extensions>", "<ev:Extensions>" + original);
  VerificationReport report = Verify(xml);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kSignatureStructure)) << Describe(report);
}

TEST_F(XadesSealerTest, UnknownTrustAnchorFailsChainAndTimeStamp) {
  std::string xml = Seal(env.PositiveEvidence());
  auto other_pki = crypto::DemoPki::LoadOrCreate(env.dir() / "other-pki", env.clock());
  ASSERT_TRUE(other_pki.has_value());
  VerificationReport report = EvidenceVerifier::Verify(xml, {other_pki->ca_certificate_pem()});
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kXmlDsigCore)) << Describe(report);
  EXPECT_FALSE(Passed(report, checks::kTimeStamp)) << Describe(report);
}

// The verifier keeps the last keys manager per thread: switching anchors back and forth must
// never let a cached manager answer for another set of anchors.
TEST_F(XadesSealerTest, VerifierTrustCacheFollowsTheAnchorsOfEachCall) {
  std::string xml = Seal(env.PositiveEvidence());
  auto other_pki = crypto::DemoPki::LoadOrCreate(env.dir() / "other-pki-cache", env.clock());
  ASSERT_TRUE(other_pki.has_value());
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(Verify(xml).ok) << round;
    VerificationReport other = EvidenceVerifier::Verify(xml, {other_pki->ca_certificate_pem()});
    EXPECT_FALSE(Passed(other, checks::kXmlDsigCore)) << Describe(other);
    VerificationReport none = EvidenceVerifier::Verify(xml, {});
    EXPECT_FALSE(Passed(none, checks::kXmlDsigCore)) << Describe(none);
  }
  EXPECT_TRUE(Verify(xml).ok);
}

TEST_F(XadesSealerTest, NotXmlIsReportedAsNotWellFormed) {
  VerificationReport report = Verify("<ev:Evidence");
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(Passed(report, checks::kWellFormed));
  VerificationReport dtd =
      Verify("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>");
  EXPECT_FALSE(Passed(dtd, checks::kWellFormed));
}

TEST_F(XadesSealerTest, SealsConcurrentlyFromEightThreads) {
  constexpr int kThreads = 8;
  constexpr int kSealsPerThread = 25;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<domain::Evidence> evidences;
  for (int i = 0; i < kThreads * kSealsPerThread; ++i) evidences.push_back(env.PositiveEvidence());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSealsPerThread; ++i) {
        auto sealed =
            env.sealer().Seal(evidences[static_cast<std::size_t>(t * kSealsPerThread + i)]);
        results[static_cast<std::size_t>(t)].push_back(
            sealed ? *sealed : "ERROR " + sealed.error().ToString());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> signature_values;
  std::set<std::string> tokens;
  int index = 0;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(results[static_cast<std::size_t>(t)].size(),
              static_cast<std::size_t>(kSealsPerThread));
    for (int i = 0; i < kSealsPerThread; ++i, ++index) {
      const std::string& xml = results[static_cast<std::size_t>(t)][static_cast<std::size_t>(i)];
      VerificationReport report = Verify(xml);
      ASSERT_TRUE(report.ok) << xml.substr(0, 200) << "\n" << Describe(report);
      EXPECT_EQ(report.summary.evidence_id, evidences[static_cast<std::size_t>(index)].id);
      // Each seal has its own signature and its own time-stamp token (pooled keys and TSA
      // contexts must not leak one seal's output into another).
      EXPECT_TRUE(signature_values.insert(ElementText(xml, "ds:SignatureValue")).second);
      EXPECT_TRUE(tokens.insert(ElementText(xml, "xades:EncapsulatedTimeStamp")).second);
    }
  }
}

}  // namespace
}  // namespace sealpost::adapters::evidence
