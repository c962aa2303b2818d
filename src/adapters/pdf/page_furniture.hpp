// Page furniture: what frames the flowing content — the title block at the top of the first page
// (title, subtitle and, at the right, the QR code with its caption, both a link to the payload)
// and the footer of every page (the document's footer text and "n / N"). Thread-safety: used by
// one Render call.
#pragma once

#include <optional>
#include <string>

#include "adapters/pdf/page_flow.hpp"
#include "adapters/pdf/pdf_text.hpp"
#include "adapters/pdf/qr_code.hpp"
#include "app/ports/pdf_renderer.hpp"

namespace sealpost::adapters::pdf {

inline constexpr double kQrSideMm = 30.0;  // including the quiet zone

struct TitleBlock {
  std::string title;
  std::string subtitle;
  std::optional<QrMatrix> qr;
  std::string qr_payload;
  std::string qr_caption;
};

// The first fragment of every document.
Fragment LayoutTitleBlock(const TitleBlock& block, const TextFactory& text);

class Footer {
 public:
  Footer(const std::string& text, const TextFactory& text_factory);
  // Where the flowing content must stop on every page (cairo y, points).
  double content_bottom() const { return top_ - kGapAboveFooter; }
  // Draws the footer of page `page_number` (1-based) of `page_count`.
  void Draw(cairo_t* cr, int page_number, int page_count) const;

 private:
  static constexpr double kGapAboveFooter = 10.0;
  const TextFactory& text_factory_;
  PangoLayoutShared text_;
  double top_ = 0;
};

}  // namespace sealpost::adapters::pdf
