// PdfEvidenceCertificateRenderer: the CertificateRenderer that writes the certificate with the
// message catalogue (ComposeCertificateDocument), renders it with a PdfRenderer, embeds the
// delivery's sealed evidence XML files (EmbedFiles) and seals the result with a PdfSealer
// (PAdES), in that order: the seal covers the text and the embedded proofs alike.
// Thread-safety: Render may be called concurrently; the translator, renderer and sealer it holds
// are thread-safe and must outlive it.
#pragma once

#include <string>
#include <string_view>

#include "app/ports/certificate_renderer.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "app/ports/pdf_sealer.hpp"
#include "common/result.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {

class PdfEvidenceCertificateRenderer final : public app::CertificateRenderer {
 public:
  // `public_base_url`: where people reach sealpost (e.g. "https://sealpost.example"); the
  // certificate points to its "/verify" page.
  PdfEvidenceCertificateRenderer(const ui::Translator& translator, app::PdfRenderer& renderer,
                                 app::PdfSealer& sealer, const std::string& public_base_url);

  common::Result<std::string> Render(const app::CertificateContent& content,
                                     std::string_view language) override;

 private:
  const ui::Translator& translator_;
  app::PdfRenderer& renderer_;
  app::PdfSealer& sealer_;
  const std::string verification_url_;
};

}  // namespace sealpost::adapters::pdf
