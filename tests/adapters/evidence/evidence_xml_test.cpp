// EvidenceXmlBuilder: field order, encodings and refusals of the unsigned EN 319 522-3 document.
#include "adapters/evidence/evidence_xml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "adapters/evidence/evidence_summary.hpp"
#include "evidence_test_support.hpp"

namespace sealpost::adapters::evidence {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EvidenceXmlBuilderTest : public ::testing::Test {
 protected:
  test_support::SealingEnvironment& env = test_support::SealingEnvironment::Get();
  EvidenceXmlBuilder builder{
      ProviderConfig{"sealpost demo SRL", "BE", "urn:oid:1.2.3", "sealpost.example/log"},
      common::Bytes{1, 2, 3}};
};

TEST_F(EvidenceXmlBuilderTest, FieldsComeInTheOrderOfEn319522) {
  auto xml = builder.BuildUnsigned(env.NegativeEvidence());
  ASSERT_TRUE(xml.has_value()) << xml.error().ToString();
  const std::vector<std::string> order = {
      "<ev:Evidence",
      "<ev:EvidenceIdentifier>urn:uuid:",
      "<ev:ERDSEventId>",
      "<ev:EventReasons>",
      "<ev:EventTime>",
      "<ev:EvidenceIssuerPolicyID><ev:PolicyID>urn:oid:1.2.3</ev:PolicyID>",
      "<ev:EvidenceIssuerDetails><ev:Name>sealpost demo SRL</ev:Name><ev:Country>BE</ev:Country>"
      "<ev:SealCertificate>AQID</ev:SealCertificate>",
      "<ev:SenderDetails>",
      "<ev:RecipientDetails>",
      "<ev:RecipientDetails>",
      "<ev:SubmissionTime>",
      "<ev:EvidenceRefersToRecipient>1</ev:EvidenceRefersToRecipient>",
      "<ev:MessageIdentifier>",
      "<ev:UserContentInfo>",
      "<ev:PartInfo><ev:Identifier>part-1</ev:Identifier>",
      "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>",
      "<ev:TransactionLogInformation><ev:LogOrigin>sealpost.example/log</"
      "ev:LogOrigin><ev:LeafRecord>"};
  std::size_t at = 0;
  for (const auto& piece : order) {
    auto found = xml->find(piece, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << piece << "\n" << *xml;
    at = found + piece.size();
  }
  EXPECT_THAT(*xml, HasSubstr("version=\"EN319522v1.2.1\""));
  EXPECT_THAT(*xml, HasSubstr("xmlns:ev=\"http://uri.etsi.org/19522/v1#\""));
  EXPECT_THAT(*xml, Not(HasSubstr("<ds:Signature")));
}

TEST_F(EvidenceXmlBuilderTest, IdentitiesUseEidasAttributes) {
  auto xml = builder.BuildUnsigned(env.PositiveEvidence());
  ASSERT_TRUE(xml.has_value());
  EXPECT_THAT(*xml, HasSubstr("FriendlyName=\"PersonIdentifier\""));
  EXPECT_THAT(*xml, HasSubstr("<saml2:AttributeValue>BE/BE/85073003328</saml2:AttributeValue>"));
  // The company recipient was only described by the sender: its number is a declared identifier.
  EXPECT_THAT(*xml,
              HasSubstr("<ev:Identifier scheme=\"http://eidas.europa.eu/attributes/legalperson/"
                        "LegalPersonIdentifier\">BE/BE/0566988259</ev:Identifier>"));
  EXPECT_THAT(*xml,
              Not(HasSubstr("<saml2:AttributeValue>BE/BE/0566988259</saml2:AttributeValue>")));
  EXPECT_THAT(
      *xml,
      HasSubstr("<ev:Identifier scheme=\"mailto\">mailto:an.peeters@example.be</ev:Identifier>"));
  EXPECT_THAT(
      *xml,
      HasSubstr("<ev:LevelOfAssurance>http://eidas.europa.eu/LoA/high</ev:LevelOfAssurance>"));
  EXPECT_THAT(*xml, HasSubstr("<ev:AuthenticationMethod>itsme</ev:AuthenticationMethod>"));
  // Not identified: the name is only a Name, never an identity attribute.
  EXPECT_THAT(*xml, HasSubstr("<ev:Name>Jan Janssens</ev:Name>"));
  EXPECT_THAT(*xml, Not(HasSubstr("<saml2:AttributeValue>Jan Janssens</saml2:AttributeValue>")));
  // The part digest is base64 of the SHA-256 of "hello".
  EXPECT_THAT(
      *xml,
      HasSubstr("<ds:DigestValue>LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=</ds:DigestValue>"));
}

TEST_F(EvidenceXmlBuilderTest, IdentifiedCompanyHasLegalPersonAttributes) {
  domain::Evidence evidence = env.PositiveEvidence();
  evidence.recipients[0].assurance_level = "http://eidas.europa.eu/LoA/high";
  auto xml = builder.BuildUnsigned(evidence);
  ASSERT_TRUE(xml.has_value());
  EXPECT_THAT(*xml, HasSubstr("FriendlyName=\"LegalName\""));
  EXPECT_THAT(*xml, HasSubstr("<saml2:AttributeValue>BE/BE/0566988259</saml2:AttributeValue>"));
  auto summary = ParseEvidenceSummary(*xml);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->recipient_name, "Acme Belgium NV");
  EXPECT_EQ(summary->recipient_identifier, "mailto:legal@acme.example");
}

TEST_F(EvidenceXmlBuilderTest, RefersToRecipientIsOneBasedAndReadBack) {
  domain::Evidence evidence = env.PositiveEvidence();
  evidence.refers_to_recipient = 1;  // the second recipient, 0-based in the domain
  auto xml = builder.BuildUnsigned(evidence);
  ASSERT_TRUE(xml.has_value());
  EXPECT_THAT(*xml, HasSubstr("<ev:EvidenceRefersToRecipient>2</ev:EvidenceRefersToRecipient>"));
  auto summary = ParseEvidenceSummary(*xml);
  ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
  EXPECT_EQ(summary->recipient_name, "Jan Janssens");
  EXPECT_EQ(summary->recipient_identifier, "mailto:jan@example.org");
}

TEST_F(EvidenceXmlBuilderTest, MarkupInTextIsEscaped) {
  domain::Evidence evidence = env.PositiveEvidence();
  evidence.subject = "a < b & <ev:Injected/>";
  auto xml = builder.BuildUnsigned(evidence);
  ASSERT_TRUE(xml.has_value());
  EXPECT_THAT(*xml, HasSubstr("a &lt; b &amp; &lt;ev:Injected/&gt;"));
  auto summary = ParseEvidenceSummary(*xml);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->subject, evidence.subject);
}

TEST_F(EvidenceXmlBuilderTest, RefusesIncompleteOrInvalidEvidence) {
  domain::Evidence no_reason = env.NegativeEvidence();
  no_reason.reason_code.clear();
  EXPECT_FALSE(builder.BuildUnsigned(no_reason).has_value());

  domain::Evidence bad_utf8 = env.PositiveEvidence();
  bad_utf8.subject = "caf\xc3";
  auto result = builder.BuildUnsigned(bad_utf8);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, common::ErrorCode::kInvalidArgument);

  domain::Evidence control = env.PositiveEvidence();
  control.sender.family_name = std::string("Pee\x01ters");
  EXPECT_FALSE(builder.BuildUnsigned(control).has_value());

  domain::Evidence out_of_range = env.PositiveEvidence();
  out_of_range.refers_to_recipient = 2;
  EXPECT_FALSE(builder.BuildUnsigned(out_of_range).has_value());

  domain::Evidence bad_digest = env.PositiveEvidence();
  bad_digest.parts[0].sha256 = "abcd";
  EXPECT_FALSE(builder.BuildUnsigned(bad_digest).has_value());
}

}  // namespace
}  // namespace sealpost::adapters::evidence
