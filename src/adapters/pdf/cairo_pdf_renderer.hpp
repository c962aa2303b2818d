// CairoPdfRenderer: the PdfRenderer built on cairo (PDF surface, A4, 20 mm margins), pango (text
// layout with DejaVu Sans / DejaVu Sans Mono from fonts-dejavu-core, UTF-8, line wrapping) and
// libqrencode (QR code as vector squares), with PoDoFo adding what cairo cannot write (/Lang,
// empty signature fields). Rendering measures the whole document first, then draws it, so every
// footer can say "n / N". Metadata: /Title, /Author, /Subject, /Keywords, /Creator "sealpost",
// /CreationDate in UTC from the model (cairo sets /Producer). The same model gives the same bytes.
// Thread-safety: Render may be called concurrently; each call owns its cairo surface and pango
// context (pango's font map is per thread), the PoDoFo step runs under PodofoLock.
#pragma once

#include <string>

#include "app/ports/pdf_renderer.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

class CairoPdfRenderer final : public app::PdfRenderer {
 public:
  static constexpr const char* kCreator = "sealpost";

  common::Result<std::string> Render(const app::PdfDocument& document) override;
};

}  // namespace sealpost::adapters::pdf
