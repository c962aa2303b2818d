#include "adapters/pdf/pdf_text.hpp"

#include <glib.h>

#include <cmath>

namespace sealpost::adapters::pdf {

bool IsValidUtf8(std::string_view text) {
  // g_utf8_validate_len refuses embedded NULs too, which pango would cut the text at.
  return g_utf8_validate_len(text.data(), static_cast<gsize>(text.size()), nullptr) == TRUE;
}

TextFactory::TextFactory(cairo_t* cr, const char* language)
    : context_(pango_cairo_create_context(cr)) {
  pango_cairo_context_set_resolution(context_.get(), 72.0);
  CairoFontOptionsPtr options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_.get(), options.get());
  pango_context_set_round_glyph_positions(context_.get(), FALSE);
  if (language != nullptr && *language != '\0') {
    pango_context_set_language(context_.get(), pango_language_from_string(language));
  }
}

PangoLayoutShared TextFactory::Layout(std::string_view text, const TextStyle& style,
                                      double width_pt) const {
  PangoLayoutShared layout = ShareLayout(pango_layout_new(context_.get()));
  PangoFontDescriptionPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(),
                                    style.monospace ? "DejaVu Sans Mono" : "DejaVu Sans");
  pango_font_description_set_weight(font.get(),
                                    style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size(font.get(),
                                  static_cast<gint>(std::lround(style.size_pt * PANGO_SCALE)));
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(std::floor(width_pt * PANGO_SCALE)));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), style.alignment);
  // The colour travels with the layout, so drawing needs no style.
  const auto level = static_cast<guint16>(std::lround(style.gray * 65535.0));
  PangoAttrList* attributes = pango_attr_list_new();
  pango_attr_list_insert(attributes, pango_attr_foreground_new(level, level, level));
  pango_layout_set_attributes(layout.get(), attributes);
  pango_attr_list_unref(attributes);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double LayoutHeight(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.height) / PANGO_SCALE;
}

void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace sealpost::adapters::pdf
