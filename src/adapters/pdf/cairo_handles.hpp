// RAII handles for the cairo, pango and GObject objects the PDF renderer creates, so that no raw
// owning pointer is held and every early return frees what was made (same pattern as
// crypto/openssl_handles.hpp). Internal to adapters/pdf. Thread-safety: plain values; the objects
// themselves are used by one thread at a time (one set per Render call).
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pangocairo.h>

#include <memory>

namespace sealpost::adapters::pdf {

template <auto Free>
struct CFreeDeleter {
  template <typename T>
  void operator()(T* p) const {
    if (p != nullptr) Free(p);
  }
};

using CairoSurfacePtr = std::unique_ptr<cairo_surface_t, CFreeDeleter<&cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, CFreeDeleter<&cairo_destroy>>;
using CairoFontOptionsPtr =
    std::unique_ptr<cairo_font_options_t, CFreeDeleter<&cairo_font_options_destroy>>;
using PangoFontDescriptionPtr =
    std::unique_ptr<PangoFontDescription, CFreeDeleter<&pango_font_description_free>>;
using PangoLayoutIterPtr = std::unique_ptr<PangoLayoutIter, CFreeDeleter<&pango_layout_iter_free>>;

// GObjects (PangoContext, PangoLayout) are reference counted with g_object_unref.
struct GObjectDeleter {
  void operator()(gpointer object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
using PangoContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
// Shared: a laid-out paragraph is drawn line by line by several page fragments.
using PangoLayoutShared = std::shared_ptr<PangoLayout>;
inline PangoLayoutShared ShareLayout(PangoLayout* layout) {
  return PangoLayoutShared(layout, GObjectDeleter{});
}

}  // namespace sealpost::adapters::pdf
