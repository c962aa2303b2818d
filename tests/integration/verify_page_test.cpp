// The public verification page (PRODUCT §4.3): a sealed evidence file, a proof bundle and a PDF
// certificate each get the verdict `sealpost verify` gives, from the file alone; a tampered file
// says which check failed; nothing needs a sign-in.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class VerifyPageTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  Response Verify(const std::string& name, const std::string& type, const std::string& bytes) {
    FilePart file;
    file.field = "file";
    file.file_name = name;
    file.content_type = type;
    file.data = bytes;
    return client().PostFile("/verify?lang=en", file);
  }
};

TEST_F(VerifyPageTest, EvidenceBundleAndCertificateAreJudgedFromTheFileAlone) {
  Response form = client().Raw("GET", "/verify?lang=en", "", "", {});
  ASSERT_EQ(form.status, 200) << form.Describe();
  EXPECT_THAT(form.body, HasSubstr("enctype=\"multipart/form-data\""));

  const nlohmann::json item = SubmitToDemoRecipient("Verify me", SmallPdf());
  const std::string item_id = item.value("id", "");
  const std::string delivery_id = item["deliveries"][0].value("id", "");
  WaitForEvent(item_id, sender(), "ConsignmentNotification");
  const std::string evidence_id = EvidenceList(item_id, sender())[0].value("id", "");
  const std::string xml = client().Get("/api/v1/evidence/" + evidence_id, sender()).body;

  Response valid = Verify("evidence.xml", "application/xml", xml);
  EXPECT_EQ(valid.status, 200) << valid.Describe();
  EXPECT_THAT(valid.body, HasSubstr("Valid: every check passed."));
  EXPECT_THAT(valid.body, HasSubstr("SubmissionAcceptance"));
  EXPECT_THAT(valid.body, Not(HasSubstr("FAILED")));

  Response tampered =
      Verify("evidence.xml", "application/xml", FlipByteInElement(xml, "ev:MessageSubject"));
  EXPECT_EQ(tampered.status, 422) << tampered.Describe();
  EXPECT_THAT(tampered.body, HasSubstr("Not valid"));
  EXPECT_THAT(tampered.body, HasSubstr("FAILED"));

  Response bundle = client().Get("/api/v1/items/" + item_id + "/proof-bundle", sender());
  ASSERT_EQ(bundle.status, 200);
  Response bundle_verdict = Verify("bundle.zip", "application/zip", bundle.body);
  EXPECT_EQ(bundle_verdict.status, 200) << bundle_verdict.Describe();
  EXPECT_THAT(bundle_verdict.body, HasSubstr("log-inclusion"));

  Response pdf =
      client().Get("/api/v1/deliveries/" + delivery_id + "/certificate?lang=fr", sender());
  ASSERT_EQ(pdf.status, 200) << pdf.Describe();
  Response pdf_verdict = Verify("certificate.pdf", "application/pdf", pdf.body);
  EXPECT_EQ(pdf_verdict.status, 200) << pdf_verdict.Describe();
  EXPECT_THAT(pdf_verdict.body, HasSubstr("pdf-seal"));

  Response garbage = Verify("notes.txt", "text/plain", "not a proof at all");
  EXPECT_EQ(garbage.status, 422);
  EXPECT_THAT(garbage.body, HasSubstr("Not valid"));
  Response nothing = client().Raw("POST", "/verify?lang=en", "", "",
                                  {"Content-Type: multipart/form-data; boundary=x"});
  EXPECT_EQ(nothing.status, 400);
  EXPECT_THAT(nothing.body, HasSubstr("Choose a file to verify."));
}

}  // namespace
}  // namespace sealpost::integration
