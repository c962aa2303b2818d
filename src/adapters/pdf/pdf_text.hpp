// Text for the PDF renderer: the type styles of a document and the pango layouts that set a
// string in one of them at a given width (wrapped at word boundaries, or between any two
// characters when a word is longer than the line, as hex digests are). All sizes are PDF points.
// Thread-safety: a TextFactory and its layouts belong to one Render call (one thread).
#pragma once

#include <cairo.h>

#include <string_view>

#include "adapters/pdf/cairo_handles.hpp"

namespace sealpost::adapters::pdf {

struct TextStyle {
  double size_pt = 9.5;
  bool bold = false;
  bool monospace = false;  // DejaVu Sans Mono instead of DejaVu Sans
  double gray = 0.1;       // 0 black .. 1 white
  PangoAlignment alignment = PANGO_ALIGN_LEFT;
};

// The styles every document uses, in one place so that documents look alike.
namespace styles {
inline constexpr TextStyle kTitle{18.0, true, false, 0.05, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kSubtitle{11.0, false, false, 0.35, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kHeading1{13.0, true, false, 0.05, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kHeading2{11.0, true, false, 0.15, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kBody{9.5, false, false, 0.1, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kSmall{8.0, false, false, 0.3, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kLabel{8.5, true, false, 0.3, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kCell{8.5, false, false, 0.1, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kMonoCell{8.0, false, true, 0.1, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kTableHeader{8.5, true, false, 0.1, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kFooter{7.5, false, false, 0.4, PANGO_ALIGN_LEFT};
inline constexpr TextStyle kPageNumber{7.5, false, false, 0.4, PANGO_ALIGN_RIGHT};
inline constexpr TextStyle kCaption{7.5, false, false, 0.3, PANGO_ALIGN_CENTER};
}  // namespace styles

// True when `text` is well-formed UTF-8 without NUL bytes.
bool IsValidUtf8(std::string_view text);

class TextFactory {
 public:
  // A pango context for `cr` (a PDF surface): 72 dpi so that font sizes are points, no hinting
  // and no rounding of glyph positions (they would distort spacing in a vector output), and the
  // document's language for line breaking and shaping.
  TextFactory(cairo_t* cr, const char* language);

  // `text` set in `style`, wrapped to `width_pt` (> 0). The caller checked the UTF-8.
  PangoLayoutShared Layout(std::string_view text, const TextStyle& style, double width_pt) const;

 private:
  PangoContextPtr context_;
};

// Logical height of the whole layout, in points.
double LayoutHeight(PangoLayout* layout);

// Draws `layout` (in the colour of its style) with its top-left corner at (x, y).
void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y);

}  // namespace sealpost::adapters::pdf
