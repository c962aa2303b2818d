#include "adapters/pdf/page_furniture.hpp"

#include <algorithm>
#include <utility>

#include "adapters/pdf/page_geometry.hpp"
#include "adapters/pdf/qr_code_drawing.hpp"

namespace sealpost::adapters::pdf {
namespace {

constexpr double kPageNumberWidth = Mm(25.0);
constexpr double kQrGap = Mm(6.0);

// cairo link attributes are single-quoted strings in which ' and \ are backslash-escaped.
std::string LinkAttributes(const std::string& uri) {
  std::string escaped;
  for (char c : uri) {
    if (c == '\'' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return "uri='" + escaped + "'";
}

}  // namespace

Fragment LayoutTitleBlock(const TitleBlock& block, const TextFactory& text) {
  const double qr_side = block.qr ? Mm(kQrSideMm) : 0.0;
  const double text_width = kContentWidth - (block.qr ? qr_side + kQrGap : 0.0);
  auto title = text.Layout(block.title, styles::kTitle, text_width);
  const double title_height = LayoutHeight(title.get());
  PangoLayoutShared subtitle;
  double left_height = title_height;
  if (!block.subtitle.empty()) {
    subtitle = text.Layout(block.subtitle, styles::kSubtitle, text_width);
    left_height += 3.0 + LayoutHeight(subtitle.get());
  }
  PangoLayoutShared caption;
  double right_height = 0;
  if (block.qr) {
    right_height = qr_side;
    if (!block.qr_caption.empty()) {
      caption = text.Layout(block.qr_caption, styles::kCaption, qr_side);
      right_height += LayoutHeight(caption.get());
    }
  }
  Fragment fragment;
  fragment.height = std::max(left_height, right_height) + Mm(4.0);
  fragment.draw = [block, title, subtitle, caption, title_height, qr_side](DrawTarget& target,
                                                                           double top) {
    cairo_t* cr = target.cr;
    DrawLayout(cr, title.get(), kContentLeft, top);
    if (subtitle) DrawLayout(cr, subtitle.get(), kContentLeft, top + title_height + 3.0);
    if (!block.qr) return;
    const double qr_left = kContentLeft + kContentWidth - qr_side;
    const std::string link = LinkAttributes(block.qr_payload);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, link.c_str());
    DrawQrCode(cr, *block.qr, qr_left, top, qr_side);
    if (caption) DrawLayout(cr, caption.get(), qr_left, top + qr_side);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  };
  return fragment;
}

Footer::Footer(const std::string& text, const TextFactory& text_factory)
    : text_factory_(text_factory),
      text_(text_factory.Layout(text, styles::kFooter, kContentWidth - kPageNumberWidth)) {
  const double number_height =
      LayoutHeight(text_factory.Layout("0 / 0", styles::kPageNumber, kPageNumberWidth).get());
  top_ = kContentBottom - std::max(LayoutHeight(text_.get()), number_height);
}

void Footer::Draw(cairo_t* cr, int page_number, int page_count) const {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kContentLeft, top_ - 4.0);
  cairo_line_to(cr, kContentLeft + kContentWidth, top_ - 4.0);
  cairo_stroke(cr);
  cairo_restore(cr);
  DrawLayout(cr, text_.get(), kContentLeft, top_);
  const std::string number = std::to_string(page_number) + " / " + std::to_string(page_count);
  auto layout = text_factory_.Layout(number, styles::kPageNumber, kPageNumberWidth);
  DrawLayout(cr, layout.get(), kContentLeft + kContentWidth - kPageNumberWidth, top_);
}

}  // namespace sealpost::adapters::pdf
