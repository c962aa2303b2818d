// CairoPdfRenderer, checked with poppler's command-line tools (pdfinfo, pdftotext, pdfsig) as
// independent readers: what a user's PDF viewer will see.
#include "adapters/pdf/cairo_pdf_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <podofo/podofo.h>

#include <regex>
#include <thread>

#include "pdf_test_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace test_support;
using ::testing::HasSubstr;

constexpr double kPageWidthPt = 595.276;
constexpr double kPageHeightPt = 841.89;
constexpr double kMarginPt = 20.0 * 72.0 / 25.4;

int PageCount(const std::string& path) {
  const CommandResult info = RunOnFile("pdfinfo", path);
  std::smatch match;
  if (!std::regex_search(info.output, match, std::regex(R"(Pages:\s+(\d+))"))) return -1;
  return std::stoi(match[1]);
}

// pdftotext's output on stdout.
CommandResult PdfToText(const std::string& options, const std::string& path) {
  return RunCommand("pdftotext " + options + " " + ShellQuote(path) + " -");
}

std::string PageText(const std::string& path, int page) {
  const std::string number = std::to_string(page);
  return PdfToText("-f " + number + " -l " + number, path).output;
}

TEST(CairoPdfRendererTest, LongCertificateFlowsOverA4PagesWithMetadata) {
  TempDir dir;
  const std::string path = dir.Write("certificate.pdf", RenderCertificate(80));

  const CommandResult info = RunOnFile("pdfinfo -f 1 -l 99", path);
  ASSERT_EQ(info.exit_code, 0) << info.output;
  const int pages = PageCount(path);
  EXPECT_GE(pages, 2) << info.output;
  // Every page, not just the first, is A4 portrait.
  const std::regex a4(R"(Page\s+\d+ size:\s+595\.276 x 841\.89 pts \(A4\))");
  EXPECT_EQ(std::distance(std::sregex_iterator(info.output.begin(), info.output.end(), a4),
                          std::sregex_iterator()),
            pages)
      << info.output;
  EXPECT_THAT(info.output, HasSubstr("Title:           Bewijs van aangetekende zending"));
  EXPECT_THAT(info.output, HasSubstr("Author:          sealpost demo SRL"));
  EXPECT_THAT(info.output, HasSubstr("Subject:         Evidence certificate for item 0e0b76c3"));
  EXPECT_THAT(info.output, HasSubstr("Keywords:        eIDAS, ERDS, evidence"));
  EXPECT_THAT(info.output, HasSubstr("Creator:         sealpost"));
  EXPECT_THAT(info.output, HasSubstr("CreationDate:    Fri Nov 27 22:10:00 2026 UTC"));
  EXPECT_THAT(info.output, HasSubstr("ModDate:         Fri Nov 27 22:10:00 2026 UTC"));
  EXPECT_THAT(info.output, ::testing::Not(HasSubstr("Syntax Error")));
  EXPECT_THAT(info.output, ::testing::Not(HasSubstr("Internal Error")));
}

TEST(CairoPdfRendererTest, AccentedTextAndPageNumbersAreExtractable) {
  TempDir dir;
  const std::string path = dir.Write("certificate.pdf", RenderCertificate(80));
  const int pages = PageCount(path);
  ASSERT_GE(pages, 2);

  const std::string first = PageText(path, 1);
  for (const char* text :
       {"Bénédicte Lefèvre", "Jürgen Groß", "reçu à Liège", "Certificat d’envoi recommandé",
        "Zustellnachweis", "Vérifier · Prüfen", "itsme®"}) {
    EXPECT_THAT(first, HasSubstr(text));
  }
  for (int page = 1; page <= pages; ++page) {
    const std::string text = PageText(path, page);
    // Drawn as "n / N"; pdftotext may drop the thin spaces around the slash.
    const std::regex number(std::to_string(page) + R"(\s*/\s*)" + std::to_string(pages));
    EXPECT_TRUE(std::regex_search(text, number)) << "page " << page << ":\n" << text;
    EXPECT_THAT(text, HasSubstr("Rue de la Loi 16")) << "footer on page " << page;
  }
  EXPECT_THAT(PageText(path, pages), HasSubstr("bijlage-één.pdf"));
}

TEST(CairoPdfRendererTest, TableHeadersRepeatOnEveryPageTheTableContinuesOn) {
  TempDir dir;
  const std::string path = dir.Write("certificate.pdf", RenderCertificate(80));
  const int pages = PageCount(path);
  ASSERT_GE(pages, 2);
  for (int page = 1; page <= pages; ++page) {
    const std::string text = PageText(path, page);
    if (text.find("ContentHandover") == std::string::npos) continue;
    EXPECT_THAT(text, HasSubstr("SHA-256 van het bewijs")) << "page " << page;
  }
}

// Every word lies inside the 20 mm margins: long hex digests wrap instead of running off the
// page, and no row is drawn into the bottom margin.
TEST(CairoPdfRendererTest, LongDigestsWrapAndNothingCrossesTheMargins) {
  TempDir dir;
  const std::string path = dir.Write("certificate.pdf", RenderCertificate(80));
  const CommandResult boxes = PdfToText("-bbox", path);
  ASSERT_EQ(boxes.exit_code, 0) << boxes.output;
  const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  int words = 0;
  for (auto it = std::sregex_iterator(boxes.output.begin(), boxes.output.end(), word);
       it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    ++words;
    EXPECT_GE(std::stod(m[1]), kMarginPt - 0.5) << m[5];
    EXPECT_GE(std::stod(m[2]), kMarginPt - 0.5) << m[5];
    EXPECT_LE(std::stod(m[3]), kPageWidthPt - kMarginPt + 0.5) << m[5];
    EXPECT_LE(std::stod(m[4]), kPageHeightPt - kMarginPt + 0.5) << m[5];
  }
  EXPECT_GT(words, 500);

  // A wrapped digest is still whole once the line breaks are taken out.
  std::string text = PdfToText("", path).output;
  std::erase_if(text, [](char c) { return c == '\n' || c == ' '; });
  EXPECT_THAT(text, HasSubstr(HexDigest(79)));
  EXPECT_THAT(text, HasSubstr(HexDigest(1001)));
}

TEST(CairoPdfRendererTest, DeclaresItsLanguageAndShowsTheTitle) {
  const std::string pdf = RenderCertificate();
  PoDoFo::PdfMemDocument document;
  document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
  const PoDoFo::PdfDictionary& catalog = document.GetCatalog()->GetDictionary();
  ASSERT_NE(catalog.GetKey(PoDoFo::PdfName("Lang")), nullptr);
  EXPECT_EQ(catalog.GetKey(PoDoFo::PdfName("Lang"))->GetString().GetStringUtf8(), "nl-BE");
  const PoDoFo::PdfObject* preferences = catalog.GetKey(PoDoFo::PdfName("ViewerPreferences"));
  ASSERT_NE(preferences, nullptr);
  EXPECT_TRUE(preferences->GetDictionary().GetKey(PoDoFo::PdfName("DisplayDocTitle"))->GetBool());
}

TEST(CairoPdfRendererTest, SameDocumentGivesSameBytesEvenFromConcurrentRenders) {
  const std::string reference = RenderCertificate(30);
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (auto& output : outputs) {
    threads.emplace_back([&output] {
      CairoPdfRenderer renderer;
      auto pdf = renderer.Render(CertificateDocument(30));
      if (pdf) output = std::move(*pdf);
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& output : outputs) EXPECT_TRUE(output == reference);

  app::PdfDocument later = CertificateDocument(30);
  later.metadata.creation_time += std::chrono::hours(1);
  auto other = CairoPdfRenderer().Render(later);
  ASSERT_TRUE(other.has_value());
  EXPECT_NE(*other, reference);
}

TEST(CairoPdfRendererTest, SignatureBoxBecomesAnEmptySignatureFieldWhereItIsDrawn) {
  auto pdf = CairoPdfRenderer().Render(ApprovalFormDocument());
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  TempDir dir;
  const std::string path = dir.Write("approval.pdf", *pdf);

  // pdfsig lists the field and says it awaits a signature.
  const CommandResult sig = RunOnFile("pdfsig", path);
  EXPECT_THAT(sig.output, HasSubstr("Signature Field Name: approval"));
  EXPECT_THAT(sig.output, HasSubstr("The signature form field is not signed."));

  // The field's rectangle is the 80 × 30 mm box, under its caption, on the page.
  PoDoFo::PdfMemDocument document;
  document.LoadFromBuffer(pdf->data(), static_cast<long>(pdf->size()));
  PoDoFo::PdfPage* page = document.GetPage(0);
  const PoDoFo::PdfObject* annotations =
      page->GetObject()->GetDictionary().GetKey(PoDoFo::PdfName("Annots"));
  ASSERT_NE(annotations, nullptr);
  const PoDoFo::PdfObject* widget = nullptr;
  for (const auto& entry : annotations->GetArray()) {
    const PoDoFo::PdfObject* candidate = document.GetObjects().GetObject(entry.GetReference());
    if (candidate->GetDictionary().GetKey(PoDoFo::PdfName("FT")) != nullptr) widget = candidate;
  }
  ASSERT_NE(widget, nullptr);
  const PoDoFo::PdfRect rect(widget->GetDictionary().GetKey(PoDoFo::PdfName("Rect"))->GetArray());
  EXPECT_NEAR(rect.GetWidth(), 80 * 72 / 25.4, 0.01);
  EXPECT_NEAR(rect.GetHeight(), 30 * 72 / 25.4, 0.01);
  EXPECT_NEAR(rect.GetLeft(), kMarginPt, 0.01);
  EXPECT_GT(rect.GetBottom(), kMarginPt);
  EXPECT_LT(rect.GetBottom() + rect.GetHeight(), kPageHeightPt - kMarginPt);
  EXPECT_THAT(PdfToText("", path).output, HasSubstr("Signature du représentant légal (carte eID)"));
}

TEST(CairoPdfRendererTest, RefusesWhatItCannotRenderFaithfully) {
  CairoPdfRenderer renderer;
  auto expect_invalid = [&](app::PdfDocument document, const char* why) {
    auto result = renderer.Render(document);
    ASSERT_FALSE(result.has_value()) << why;
    EXPECT_EQ(result.error().code, common::ErrorCode::kInvalidArgument) << why;
  };
  app::PdfDocument bad_utf8 = ApprovalFormDocument();
  bad_utf8.blocks.push_back(app::PdfParagraph{"caf\xc3"});
  expect_invalid(bad_utf8, "truncated UTF-8 sequence");

  app::PdfDocument bad_row = ApprovalFormDocument();
  bad_row.blocks.push_back(app::PdfTable{{{"A", 1, false}, {"B", 1, false}}, {{"only one"}}});
  expect_invalid(bad_row, "row with too few cells");

  app::PdfDocument twice = ApprovalFormDocument();
  twice.blocks.push_back(app::PdfSignatureBox{"approval", "", "", 80, 30});
  expect_invalid(twice, "signature field name used twice");

  app::PdfDocument bad_name = ApprovalFormDocument();
  bad_name.blocks.push_back(app::PdfSignatureBox{"a.b", "", "", 80, 30});
  expect_invalid(bad_name, "dotted field name");

  app::PdfDocument huge_qr = ApprovalFormDocument();
  huge_qr.qr_code = app::PdfQrCode{std::string(5000, 'x'), ""};
  expect_invalid(huge_qr, "QR payload beyond version 40");

  app::PdfDocument tall_row = ApprovalFormDocument();
  tall_row.blocks.push_back(app::PdfKeyValueTable{{{"label", std::string(20000, 'w') + " end"}}});
  expect_invalid(tall_row, "a row taller than a page");
}

}  // namespace
}  // namespace sealpost::adapters::pdf
