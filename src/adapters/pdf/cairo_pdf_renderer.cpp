#include "adapters/pdf/cairo_pdf_renderer.hpp"

#include <cairo-pdf.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <vector>

#include "adapters/pdf/block_layout.hpp"
#include "adapters/pdf/cairo_handles.hpp"
#include "adapters/pdf/page_flow.hpp"
#include "adapters/pdf/page_furniture.hpp"
#include "adapters/pdf/page_geometry.hpp"
#include "adapters/pdf/pdf_finisher.hpp"
#include "adapters/pdf/pdf_text.hpp"
#include "adapters/pdf/qr_code.hpp"

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo's date format: ISO 8601 with a zone, here always UTC.
std::string CairoDate(common::TimePoint time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(seconds - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()));
  return text;
}

common::Result<void> Validate(const app::PdfDocument& document) {
  const std::string* texts[] = {
      &document.title,           &document.subtitle,         &document.language,
      &document.metadata.author, &document.metadata.subject, &document.metadata.keywords,
      &document.footer};
  for (const std::string* text : texts) {
    if (!IsValidUtf8(*text)) {
      return common::Fail(ErrorCode::kInvalidArgument, "document text is not valid UTF-8");
    }
  }
  if (document.qr_code && !IsValidUtf8(document.qr_code->caption)) {
    return common::Fail(ErrorCode::kInvalidArgument, "the QR caption is not valid UTF-8");
  }
  std::vector<std::string> field_names;
  for (const auto& block : document.blocks) {
    if (auto ok = ValidateBlock(block); !ok) return ok;
    if (const auto* box = std::get_if<app::PdfSignatureBox>(&block)) {
      for (const auto& name : field_names) {
        if (name == box->field_name) {
          return common::Fail(ErrorCode::kInvalidArgument,
                              "signature field name used twice: " + name);
        }
      }
      field_names.push_back(box->field_name);
    }
  }
  return common::Ok();
}

common::Result<void> SurfaceStatus(cairo_surface_t* surface) {
  const cairo_status_t status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return common::Fail(ErrorCode::kInternal,
                        std::string("cairo PDF surface: ") + cairo_status_to_string(status));
  }
  return common::Ok();
}

}  // namespace

common::Result<std::string> CairoPdfRenderer::Render(const app::PdfDocument& document) {
  if (auto ok = Validate(document); !ok) return common::Fail(ok.error());
  TitleBlock title{document.title, document.subtitle, std::nullopt, {}, {}};
  if (document.qr_code) {
    auto matrix = EncodeQrCode(document.qr_code->payload);
    if (!matrix) return common::Fail(matrix.error());
    title.qr = std::move(*matrix);
    title.qr_payload = document.qr_code->payload;
    title.qr_caption = document.qr_code->caption;
  }

  std::string bytes;
  CairoSurfacePtr surface(
      cairo_pdf_surface_create_for_stream(&AppendToString, &bytes, kPageWidth, kPageHeight));
  if (auto ok = SurfaceStatus(surface.get()); !ok) return common::Fail(ok.error());
  const std::string created = CairoDate(document.metadata.creation_time);
  const std::pair<cairo_pdf_metadata_t, const std::string*> metadata[] = {
      {CAIRO_PDF_METADATA_TITLE, &document.title},
      {CAIRO_PDF_METADATA_AUTHOR, &document.metadata.author},
      {CAIRO_PDF_METADATA_SUBJECT, &document.metadata.subject},
      {CAIRO_PDF_METADATA_KEYWORDS, &document.metadata.keywords},
      {CAIRO_PDF_METADATA_CREATE_DATE, &created},
      // cairo would stamp the wall-clock time here: the same model must give the same bytes.
      {CAIRO_PDF_METADATA_MOD_DATE, &created}};
  for (const auto& [key, value] : metadata) {
    if (!value->empty()) cairo_pdf_surface_set_metadata(surface.get(), key, value->c_str());
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, kCreator);

  CairoPtr cr(cairo_create(surface.get()));
  const TextFactory text(cr.get(), document.language.c_str());

  // Measure everything, paginate, then draw: the page count is known before page 1 is drawn.
  std::vector<Fragment> fragments;
  fragments.push_back(LayoutTitleBlock(title, text));
  for (const auto& block : document.blocks) {
    LayoutBlock(block, text, kContentLeft, kContentWidth, fragments);
  }
  const Footer footer(document.footer, text);
  auto flow = Paginate(fragments, kContentTop, footer.content_bottom());
  if (!flow) return common::Fail(flow.error());

  std::vector<SignatureFieldPlacement> signature_fields;
  const int page_count = static_cast<int>(flow->pages.size());
  for (int page = 0; page < page_count; ++page) {
    DrawTarget target{cr.get(), page, &signature_fields};
    for (const PlacedFragment& placed : flow->pages[static_cast<std::size_t>(page)]) {
      fragments[placed.fragment].draw(target, placed.top);
    }
    footer.Draw(cr.get(), page + 1, page_count);
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (auto ok = SurfaceStatus(surface.get()); !ok) return common::Fail(ok.error());
  surface.reset();

  return FinishPdf(std::move(bytes),
                   FinishOptions{document.language, document.metadata.creation_time,
                                 std::move(signature_fields)});
}

}  // namespace sealpost::adapters::pdf
