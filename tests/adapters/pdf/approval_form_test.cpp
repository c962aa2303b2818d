// The company subscription's approval form, rendered in each language and read back with poppler:
// pdftotext finds the prefilled company, reference and terms in the chosen language, pdfsig finds
// one unsigned signature field per legal representative.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "adapters/pdf/approval_form_document.hpp"
#include "adapters/pdf/approval_form_renderer.hpp"
#include "adapters/pdf/cairo_pdf_renderer.hpp"
#include "pdf_test_support.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace test_support;
using ::testing::HasSubstr;
using ::testing::Not;

const ui::Translator& ShippedTranslator() {
  static const ui::Translator* translator = [] {
    auto loaded =
        ui::Translator::Load(std::filesystem::path(SEALPOST_SOURCE_DIR) / "web" / "locales");
    if (!loaded) throw std::runtime_error("catalogues: " + loaded.error().ToString());
    return new ui::Translator(std::move(*loaded));
  }();
  return *translator;
}

app::ApprovalFormContent Content() {
  app::ApprovalFormContent c;
  c.reference = "3f2a9c1e-7b4d-4e8a-9f10-2c6d8e4b5a71";
  c.provider_name = "sealpost demo provider";
  c.company_name = "Brouwerij Het Anker NV";
  c.enterprise_number = "0403019261";
  c.address_lines = {"Guido Gezellelaan 49", "2800 Mechelen"};
  c.requester_name = "Émile Dupont-Lefèvre";
  c.contact_email = "emile@example.be";
  c.contact_phone = "+32 15 28 71 41";
  c.representatives = {{"Jan Peeters", "85073003328"}, {"Marie Dubois", ""}};
  c.issued_at = *common::ParseRfc3339("2026-11-02T09:00:00Z");
  return c;
}

struct Rendered {
  std::string text;        // pdftotext
  std::string signatures;  // pdfsig
};

Rendered RenderIn(const char* language, const app::ApprovalFormContent& content = Content()) {
  CairoPdfRenderer pdf_renderer;
  PdfApprovalFormRenderer renderer(ShippedTranslator(), pdf_renderer);
  auto pdf = renderer.Render(content, language);
  EXPECT_TRUE(pdf.has_value()) << pdf.error().ToString();
  if (!pdf) return {};
  TempDir dir;
  const std::string path = dir.Write("approval.pdf", *pdf);
  return {RunCommand("pdftotext " + ShellQuote(path) + " -").output,
          RunOnFile("pdfsig", path).output};
}

struct LanguageCase {
  const char* language;
  const char* terms_heading;
  const char* enterprise_label;
  const char* date;
};

TEST(ApprovalFormTest, IsPrefilledAndWordedInEachLanguage) {
  const LanguageCase cases[] = {
      {"nl", "Goedgekeurde voorwaarden", "Ondernemingsnummer", "2 november 2026"},
      {"fr", "Conditions approuvées", "Numéro d’entreprise", "2 novembre 2026"},
      {"en", "Terms approved", "Enterprise number", "2 November 2026"},
      {"de", "Genehmigte Bedingungen", "Unternehmensnummer", "2. November 2026"},
  };
  for (const LanguageCase& c : cases) {
    SCOPED_TRACE(c.language);
    const Rendered r = RenderIn(c.language);
    EXPECT_THAT(r.text, HasSubstr("Brouwerij Het Anker NV"));
    EXPECT_THAT(r.text, HasSubstr("0403.019.261"));
    EXPECT_THAT(r.text, HasSubstr("Guido Gezellelaan 49"));
    EXPECT_THAT(r.text, HasSubstr("3f2a9c1e-7b4d-4e8a-9f10-2c6d8e4b5a71"));
    EXPECT_THAT(r.text, HasSubstr("Émile Dupont-Lefèvre"));
    EXPECT_THAT(r.text, HasSubstr("85.07.30-033.28"));
    EXPECT_THAT(r.text, HasSubstr("Marie Dubois"));
    EXPECT_THAT(r.text, HasSubstr("910/2014")) << "the terms are printed";
    EXPECT_THAT(r.text, HasSubstr(c.terms_heading));
    EXPECT_THAT(r.text, HasSubstr(c.enterprise_label));
    EXPECT_THAT(r.text, HasSubstr(c.date));
    for (const LanguageCase& other : cases) {
      if (&other != &c) {
        EXPECT_THAT(r.text, Not(HasSubstr(other.terms_heading)));
      }
    }
  }
}

TEST(ApprovalFormTest, HasAnUnsignedSignatureFieldPerRepresentative) {
  const Rendered r = RenderIn("fr");
  EXPECT_THAT(r.signatures, HasSubstr("Signature Field Name: representative_1"));
  EXPECT_THAT(r.signatures, HasSubstr("Signature Field Name: representative_2"));
  EXPECT_THAT(r.signatures, Not(HasSubstr("representative_3")));
  EXPECT_THAT(r.signatures, HasSubstr("The signature form field is not signed."));
  EXPECT_THAT(r.text, HasSubstr("Signature du représentant légal"));

  app::ApprovalFormContent nobody = Content();
  nobody.representatives.clear();
  EXPECT_THAT(RenderIn("en", nobody).signatures,
              HasSubstr("Signature Field Name: representative_1"))
      << "a form always has a place to sign";
}

TEST(ApprovalFormTest, TheQrCodeCarriesTheReference) {
  const app::PdfDocument d =
      ComposeApprovalFormDocument(Content(), ui::Language::kNl, ShippedTranslator());
  ASSERT_TRUE(d.qr_code.has_value());
  EXPECT_EQ(d.qr_code->payload, "3f2a9c1e-7b4d-4e8a-9f10-2c6d8e4b5a71");
  EXPECT_EQ(d.language, "nl-BE");
  EXPECT_THAT(d.metadata.subject, HasSubstr("3f2a9c1e-7b4d-4e8a-9f10-2c6d8e4b5a71"));
}

TEST(ApprovalFormTest, RefusesAnUnknownLanguage) {
  CairoPdfRenderer pdf_renderer;
  PdfApprovalFormRenderer renderer(ShippedTranslator(), pdf_renderer);
  auto pdf = renderer.Render(Content(), "fr-CH");
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code, common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::adapters::pdf
