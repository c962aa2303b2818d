#include "pdf_test_support.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "adapters/pdf/cairo_pdf_renderer.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::pdf::test_support {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sealpost-pdf-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Write(const std::string& name, const std::string& bytes) const {
  const auto path = path_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

SealingEnvironment& SealingEnvironment::Get() {
  static SealingEnvironment environment;
  return environment;
}

SealingEnvironment::SealingEnvironment() : pki_dir_(dir_.path() / "pki") {
  auto pki = crypto::DemoPki::LoadOrCreate(pki_dir_, clock_);
  if (!pki) throw std::runtime_error("DemoPki: " + pki.error().ToString());
  pki_ = std::make_unique<crypto::DemoPki>(std::move(*pki));
  auto tsa = crypto::BuiltinTsa::Create(pki_->tsa_certificate(), pki_->tsa_key(), clock_, random_);
  if (!tsa) throw std::runtime_error("BuiltinTsa: " + tsa.error().ToString());
  tsa_ = std::move(*tsa);
  std::vector<crypto::X509Ptr> chain;
  chain.push_back(crypto::UpRef(pki_->ca_certificate()));
  auto sealer = PadesPdfSealer::Create(
      crypto::UpRef(pki_->seal_key()), crypto::UpRef(pki_->seal_certificate()), std::move(chain),
      tsa_.get(), clock_,
      {"Sealed by sealpost demo SRL (qualified registered delivery)", "Brussels, BE",
       "support@sealpost.example"});
  if (!sealer) throw std::runtime_error("sealer: " + sealer.error().ToString());
  sealer_ = std::move(*sealer);
}

std::unique_ptr<PadesPdfSealer> SealingEnvironment::NewSealerWithoutTimeStamps() const {
  auto sealer = PadesPdfSealer::Create(crypto::UpRef(pki_->seal_key()),
                                       crypto::UpRef(pki_->seal_certificate()), {}, nullptr, clock_,
                                       {"B-B seal", "", ""});
  if (!sealer) throw std::runtime_error("sealer: " + sealer.error().ToString());
  return std::move(*sealer);
}

std::string HexDigest(int n) {
  return common::HexEncode(common::Sha256("attachment " + std::to_string(n)));
}

app::PdfDocument CertificateDocument(int event_rows) {
  app::PdfDocument document;
  document.title = "Bewijs van aangetekende zending";
  document.subtitle = "Certificat d’envoi recommandé · Zustellnachweis · Ingebrekestelling 2026/17";
  document.language = "nl-BE";
  document.metadata.author = "sealpost demo SRL";
  document.metadata.subject = "Evidence certificate for item 0e0b76c3";
  document.metadata.keywords = "eIDAS, ERDS, evidence";
  document.metadata.creation_time =
      common::TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 11 / 27) +
                        std::chrono::hours(22) + std::chrono::minutes(10));
  document.footer =
      "sealpost demo SRL · gekwalificeerde dienst voor elektronisch aangetekende bezorging · "
      "Rue de la Loi 16, 1000 Bruxelles";
  document.qr_code = app::PdfQrCode{
      "https://sealpost.example/verify/0e0b76c3-7d2a-4c51-9a6e-3f1b2c4d5e6f", "Vérifier · Prüfen"};
  document.blocks.push_back(app::PdfHeading{"Zending", 1});
  document.blocks.push_back(app::PdfKeyValueTable{{
      {"Onderwerp", "Ingebrekestelling factuur 2026/17"},
      {"Afzender", "Bénédicte Lefèvre — BE/BE/85073003328 — itsme®, niveau hoog"},
      {"Ontvanger", "Jürgen Groß, Acme Belgium NV (0566.988.259) — reçu à Liège"},
      {"Zending-id", "0e0b76c3-7d2a-4c51-9a6e-3f1b2c4d5e6f"},
  }});
  document.blocks.push_back(app::PdfHeading{"Gebeurtenissen", 1});
  app::PdfTable events;
  events.columns = {{"Gebeurtenis", 2.2, false},
                    {"Tijdstip (UTC, tijdstempel)", 2.0, false},
                    {"SHA-256 van het bewijs", 3.0, true}};
  for (int i = 0; i < event_rows; ++i) {
    events.rows.push_back({i % 2 == 0 ? "ContentConsignment — dépôt" : "ContentHandover — reçu",
                           "2026-11-27 22:" + std::to_string(10 + i % 50) + ":00.523693",
                           HexDigest(i)});
  }
  document.blocks.push_back(std::move(events));
  document.blocks.push_back(app::PdfHeading{"Bijlagen", 2});
  document.blocks.push_back(app::PdfTable{
      {{"Bestandsnaam", 1.5, false}, {"SHA-256", 3.0, true}},
      {{"brief-über-Mängel.pdf", HexDigest(1000)}, {"bijlage-één.pdf", HexDigest(1001)}}});
  document.blocks.push_back(app::PdfSpacer{4});
  document.blocks.push_back(app::PdfParagraph{
      "Dit certificaat is elektronisch verzegeld. Controleer het op de verificatiepagina of met "
      "de QR-code; la vérification est aussi possible hors ligne.",
      true});
  return document;
}

app::PdfDocument ApprovalFormDocument() {
  app::PdfDocument document;
  document.title = "Formulaire d’approbation de l’entreprise";
  document.language = "fr-BE";
  document.metadata.author = "sealpost demo SRL";
  document.metadata.subject = "Company approval";
  document.footer = "sealpost demo SRL";
  document.blocks.push_back(app::PdfKeyValueTable{
      {{"Entreprise", "Acme Belgium SA — 0566.988.259"}, {"Représentant", "Jan Janssens"}}});
  document.blocks.push_back(app::PdfParagraph{
      "Je confirme que l’entreprise peut recevoir des envois recommandés électroniques."});
  document.blocks.push_back(app::PdfSignatureBox{
      "approval", "Signature du représentant légal (carte eID)", "Jan Janssens", 80, 30});
  return document;
}

std::string RenderCertificate(int event_rows) {
  CairoPdfRenderer renderer;
  auto pdf = renderer.Render(CertificateDocument(event_rows));
  EXPECT_TRUE(pdf.has_value()) << (pdf ? "" : pdf.error().ToString());
  return pdf ? *pdf : std::string();
}

CommandResult RunOnFile(const std::string& tool_and_options, const std::string& path) {
  return RunCommand(tool_and_options + " " + ShellQuote(path));
}

GrayImage ReadPgm(const std::filesystem::path& path) {
  const std::string bytes = ReadFile(path);
  std::istringstream in(bytes);
  std::string magic;
  int width = 0;
  int height = 0;
  int max_value = 0;
  in >> magic >> width >> height >> max_value;
  in.get();  // the single whitespace after the header
  GrayImage image;
  if (magic != "P5" || width <= 0 || height <= 0 || max_value != 255) return image;
  const auto size = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  const auto offset = static_cast<std::size_t>(in.tellg());
  if (bytes.size() < offset + size) return image;
  image.width = width;
  image.height = height;
  image.pixels.assign(bytes.begin() + static_cast<long>(offset),
                      bytes.begin() + static_cast<long>(offset + size));
  return image;
}

}  // namespace sealpost::adapters::pdf::test_support
