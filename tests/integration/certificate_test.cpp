// The PDF certificate of a delivery over HTTP, as a sender downloads it with its API key: the
// language asked for, a sealed PDF that pdfsig accepts, its evidence attached, and the real
// `sealpost verify` binary judging the downloaded file against the demo root.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class CertificateTest : public IntegrationTest {
 protected:
  // Submitted to the demo recipient, whose handler then reads the content: the delivery id.
  std::string HandedOverDelivery() {
    nlohmann::json item = SubmitToDemoRecipient("Certificate over HTTP", SmallPdf());
    const std::string delivery_id = item["deliveries"][0].value("id", "");
    Response content = client().Get("/api/v1/deliveries/" + delivery_id + "/content", recipient());
    EXPECT_EQ(content.status, 200) << content.Describe();
    return delivery_id;
  }

  Response Certificate(const std::string& delivery_id, const std::string& query,
                       const std::vector<std::string>& headers = {}) {
    return client().Raw("GET", "/api/v1/deliveries/" + delivery_id + "/certificate" + query,
                        sender(), "", headers);
  }
};

TEST_F(CertificateTest, TheSenderDownloadsASealedCertificateInItsLanguage) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string delivery_id = HandedOverDelivery();
  ASSERT_FALSE(delivery_id.empty());

  Response r = Certificate(delivery_id, "?lang=fr");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_THAT(r.Header("content-type"), HasSubstr("application/pdf"));
  EXPECT_THAT(r.Header("content-disposition"),
              HasSubstr("sealpost-certificate-" + delivery_id + "-fr.pdf"));
  ASSERT_TRUE(r.body.starts_with("%PDF-")) << "not a PDF";
  const fs::path pdf = work_dir() / "certificate.pdf";
  WriteFile(pdf, r.body);

  const CommandResult sig = RunCommand("pdfsig " + ShellQuote(pdf.string()));
  EXPECT_EQ(sig.exit_code, 0) << sig.output;
  EXPECT_THAT(sig.output, HasSubstr("Signature Validation: Signature is Valid."));
  EXPECT_THAT(sig.output, HasSubstr("Total document signed"));
  const CommandResult text = RunCommand("pdftotext -enc UTF-8 " + ShellQuote(pdf.string()) + " -");
  EXPECT_THAT(text.output, HasSubstr("Certificat d’envoi recommandé"));
  EXPECT_THAT(text.output, HasSubstr("Certificate over HTTP"));
  EXPECT_THAT(text.output, HasSubstr("ContentHandover"));
  const CommandResult attached = RunCommand("pdfdetach -list " + ShellQuote(pdf.string()));
  EXPECT_THAT(attached.output, HasSubstr("ContentHandover"));

  const CommandResult verify = SealpostVerify(pdf, {"--trust", server().ca_pem().string()});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_THAT(verify.output, HasSubstr("VERDICT: VALID"));
}

TEST_F(CertificateTest, WithoutLangTheBrowserLanguageDecidesAndABadLangIsRefused) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string delivery_id = HandedOverDelivery();
  Response german = Certificate(delivery_id, "", {"Accept-Language: de-BE, fr;q=0.5"});
  ASSERT_EQ(german.status, 200) << german.Describe();
  EXPECT_EQ(german.Header("content-language"), "de");
  EXPECT_THAT(german.Header("content-disposition"), HasSubstr("-de.pdf"));
  ExpectProblem(Certificate(delivery_id, "?lang=es"), 400);
  ExpectProblem(Certificate("00000000-0000-4000-8000-000000000000", "?lang=nl"), 404);
  ExpectProblem(client().Get("/api/v1/deliveries/" + delivery_id + "/certificate", ""), 401);
}

}  // namespace
}  // namespace sealpost::integration
