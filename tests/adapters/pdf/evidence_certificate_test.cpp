// The pieces of the evidence certificate below the use case: the embedded files (checked with
// poppler's pdfdetach), the wording of every event in every language, and how times and
// identifiers are written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "adapters/pdf/evidence_certificate_attachments.hpp"
#include "adapters/pdf/evidence_certificate_format.hpp"
#include "pdf_test_support.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace test_support;
using ::testing::HasSubstr;

const ui::Translator& ShippedTranslator() {
  static const ui::Translator* translator = [] {
    auto loaded =
        ui::Translator::Load(std::filesystem::path(SEALPOST_SOURCE_DIR) / "web" / "locales");
    if (!loaded) throw std::runtime_error("catalogues: " + loaded.error().ToString());
    return new ui::Translator(std::move(*loaded));
  }();
  return *translator;
}

common::TimePoint Utc(const char* text) { return *common::ParseRfc3339(text); }

TEST(EvidenceCertificateAttachmentsTest, EmbeddedFilesComeBackByteForByteAndPdfdetachSeesThem) {
  const std::string xml = "<?xml version=\"1.0\"?>\n<ev:Evidence>\xc3\xa9\0\xff</ev:Evidence>";
  const std::string binary("\0\x01\x02\xfe\xff", 5);
  auto pdf = EmbedFiles(RenderCertificate(2),
                        {{"01-SubmissionAcceptance-a.xml", "first", "application/xml", xml},
                         {"02-ContentHandover-b.xml", "", "application/xml", binary}},
                        Utc("2026-11-02T09:00:00Z"));
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();

  auto files = ReadEmbeddedFiles(*pdf);
  ASSERT_TRUE(files.has_value()) << files.error().ToString();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].name, "01-SubmissionAcceptance-a.xml");
  EXPECT_EQ((*files)[0].description, "first");
  EXPECT_EQ((*files)[0].mime_type, "application/xml");
  EXPECT_EQ((*files)[0].data, xml);
  EXPECT_EQ((*files)[1].data, binary);

  TempDir dir;
  const std::string path = dir.Write("with-files.pdf", *pdf);
  const CommandResult list = RunOnFile("pdfdetach -list", path);
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_THAT(list.output, HasSubstr("2 embedded files"));
  EXPECT_THAT(list.output, HasSubstr("02-ContentHandover-b.xml"));
  const CommandResult save =
      RunCommand("pdfdetach -save 1 -o " + ShellQuote((dir.path() / "out.xml").string()) + " " +
                 ShellQuote(path));
  ASSERT_EQ(save.exit_code, 0) << save.output;
  EXPECT_EQ(ReadFile(dir.path() / "out.xml"), xml);
  // Still one clean document that pdfinfo reads.
  EXPECT_EQ(RunOnFile("pdfinfo", path).exit_code, 0);
}

TEST(EvidenceCertificateAttachmentsTest, SameInputGivesTheSameBytes) {
  const std::string rendered = RenderCertificate(1);
  const std::vector<PdfEmbeddedFile> files = {{"a.xml", "", "application/xml", "<a/>"}};
  auto first = EmbedFiles(rendered, files, Utc("2026-11-02T09:00:00Z"));
  auto second = EmbedFiles(rendered, files, Utc("2026-11-02T09:00:00Z"));
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(*first, *second);
}

TEST(EvidenceCertificateAttachmentsTest, AFileThatInflatesBeyondTheLimitIsRefused) {
  // Zeros compress a thousandfold: a small file on disk, too much once decoded.
  auto pdf = EmbedFiles(
      RenderCertificate(1),
      {{"bomb.xml", "", "application/xml", std::string(kMaxEmbeddedFileBytes + 1, '\0')}},
      Utc("2026-11-02T09:00:00Z"));
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  EXPECT_LT(pdf->size(), kMaxEmbeddedFileBytes / 100);
  auto files = ReadEmbeddedFiles(*pdf);
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.error().code, common::ErrorCode::kInvalidArgument);
  EXPECT_THAT(files.error().message, HasSubstr("larger than"));
}

TEST(EvidenceCertificateAttachmentsTest, APdfWithoutFilesHasNoneAndGarbageIsRefused) {
  auto none = ReadEmbeddedFiles(RenderCertificate(1));
  ASSERT_TRUE(none.has_value()) << none.error().ToString();
  EXPECT_TRUE(none->empty());
  auto garbage = ReadEmbeddedFiles("%PDF-1.7\nnot really a PDF");
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().code, common::ErrorCode::kInvalidArgument);
}

TEST(EvidenceCertificateFormatTest, EveryEventHasItsWordsInEveryLanguage) {
  const ui::Translator& t = ShippedTranslator();
  const std::uint64_t missing_before = t.missing_key_count();
  int events = 0;
  for (int code = 0; code < 64; ++code) {
    const auto event = static_cast<domain::EvidenceEvent>(code);
    if (!domain::EventFromName(domain::EventName(event))) continue;  // not an event
    ++events;
    for (ui::Language language : ui::kAllLanguages) {
      const std::string text = EventText(t, language, event);
      EXPECT_FALSE(text.starts_with("certificate.")) << text;
    }
  }
  EXPECT_EQ(events, 13);
  EXPECT_EQ(t.missing_key_count(), missing_before) << "missing: " << t.MissingKeys().size();
  EXPECT_EQ(EventKeyPart(domain::EvidenceEvent::kRelayToNonErdsFailure),
            "relay_to_non_erds_failure");
  EXPECT_EQ(EventKeyPart(domain::EvidenceEvent::kNotificationForAcceptance),
            "notification_for_acceptance");
}

TEST(EvidenceCertificateFormatTest, ProofTimesHaveSecondsAndTheZoneInBrusselsTime) {
  const ui::Translator& t = ShippedTranslator();
  const auto nl = [&](const char* utc) {
    return ProofTime(t.formatter(ui::Language::kNl), Utc(utc));
  };
  EXPECT_EQ(nl("2026-11-02T09:01:07.999999Z"), "2 november 2026 om 10:01:07 CET");
  // The repeated hour of the autumn change: only the zone tells the two apart.
  EXPECT_EQ(nl("2026-10-25T00:30:15Z"), "25 oktober 2026 om 02:30:15 CEST");
  EXPECT_EQ(nl("2026-10-25T01:30:15Z"), "25 oktober 2026 om 02:30:15 CET");
  EXPECT_EQ(ProofTime(t.formatter(ui::Language::kFr), Utc("2026-07-01T22:00:05Z")),
            "2 juillet 2026 à 00:00:05 UTC+2");
  EXPECT_EQ(ProofTime(t.formatter(ui::Language::kDe), Utc("2026-12-31T23:59:59Z")),
            "1. Januar 2027 um 00:59:59 MEZ");
  EXPECT_EQ(ProofTime(t.formatter(ui::Language::kEn), Utc("2026-03-29T01:00:00Z")),
            "29 March 2026 at 03:00:00 CEST");
}

TEST(EvidenceCertificateFormatTest, BelgianIdentifiersInPrintedAndEidasForm) {
  EXPECT_EQ(IdentifierText("BE/BE/0566988259"), "0566.988.259 (BE/BE/0566988259)");
  EXPECT_EQ(IdentifierText("BE/BE/85073003328"), "85.07.30-033.28 (BE/BE/85073003328)");
  // Not a valid Belgian number, or another country: as the evidence states it.
  EXPECT_EQ(IdentifierText("BE/BE/0566988258"), "BE/BE/0566988258");
  EXPECT_EQ(IdentifierText("NL/BE/123456782"), "NL/BE/123456782");
  const ui::Translator& t = ShippedTranslator();
  EXPECT_EQ(LevelOfAssuranceText(t, ui::Language::kFr, "http://eidas.europa.eu/LoA/substantial"),
            "substantiel");
  EXPECT_EQ(LevelOfAssuranceText(t, ui::Language::kDe, "urn:example:loa"), "urn:example:loa");
  EXPECT_EQ(AuthenticationMethodText(t, ui::Language::kNl, "eid"),
            "Belgische elektronische identiteitskaart (eID)");
  EXPECT_EQ(AuthenticationMethodText(t, ui::Language::kNl, "csam"), "csam");
}

}  // namespace
}  // namespace sealpost::adapters::pdf
