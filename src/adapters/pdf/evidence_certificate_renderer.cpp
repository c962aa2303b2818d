#include "adapters/pdf/evidence_certificate_renderer.hpp"

#include <vector>

#include "adapters/pdf/evidence_certificate_attachments.hpp"
#include "adapters/pdf/evidence_certificate_document.hpp"
#include "ui/language.hpp"

namespace sealpost::adapters::pdf {
namespace {

std::string VerificationUrl(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/verify";
}

}  // namespace

PdfEvidenceCertificateRenderer::PdfEvidenceCertificateRenderer(const ui::Translator& translator,
                                                               app::PdfRenderer& renderer,
                                                               app::PdfSealer& sealer,
                                                               const std::string& public_base_url)
    : translator_(translator),
      renderer_(renderer),
      sealer_(sealer),
      verification_url_(VerificationUrl(public_base_url)) {}

common::Result<std::string> PdfEvidenceCertificateRenderer::Render(
    const app::CertificateContent& content, std::string_view language) {
  // Exactly the four codes: a tag like "fr-CH" is the HTTP layer's to negotiate, not ours.
  const auto parsed = ui::LanguageFromTag(language);
  if (!parsed || ui::LanguageCode(*parsed) != language) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the certificate language must be nl, fr, en or de");
  }
  const app::PdfDocument document =
      ComposeCertificateDocument(content, *parsed, translator_, verification_url_);
  auto pdf = renderer_.Render(document);
  if (!pdf) return common::Fail(pdf.error());

  std::vector<PdfEmbeddedFile> files;
  for (const auto& f : content.evidence_files) {
    files.push_back(
        {f.file_name,
         translator_.Text(*parsed, "certificate.evidence_file", {{"file", f.file_name}}),
         "application/xml", f.sealed_xml});
  }
  auto with_files = EmbedFiles(*pdf, files, content.issued_at);
  if (!with_files) return common::Fail(with_files.error());
  return sealer_.Seal(*with_files);
}

}  // namespace sealpost::adapters::pdf
