#include "adapters/pdf/pdf_finisher.hpp"

#include "adapters/pdf/cairo_xref_repair.hpp"
#include "adapters/pdf/pdf_date.hpp"
#include "adapters/pdf/podofo_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace PoDoFo;

// The page's /Annots array, created when absent (it may be direct or an indirect object).
PdfArray& PageAnnotations(PdfMemDocument& document, PdfPage& page) {
  PdfDictionary& dictionary = page.GetObject()->GetDictionary();
  PdfObject* annotations = dictionary.GetKey(PdfName("Annots"));
  if (annotations == nullptr) {
    dictionary.AddKey(PdfName("Annots"), PdfArray());
    annotations = dictionary.GetKey(PdfName("Annots"));
  } else if (annotations->IsReference()) {
    annotations = document.GetObjects().MustGetObject(annotations->GetReference());
  }
  return annotations->GetArray();
}

void AddSignatureField(PdfMemDocument& document, const SignatureFieldPlacement& placement,
                       PdfArray& fields) {
  PdfPage* page = document.GetPage(placement.page);
  if (page == nullptr) PODOFO_RAISE_ERROR_INFO(ePdfError_PageNotFound, "signature box page");
  const PdfRect media_box = page->GetPageSize();
  // cairo measures y downwards from the top, PDF upwards from the bottom of the media box.
  const double bottom =
      media_box.GetBottom() + media_box.GetHeight() - placement.y - placement.height;
  PdfVariant rect;
  PdfRect(media_box.GetLeft() + placement.x, bottom, placement.width, placement.height)
      .ToVariant(rect);

  // One dictionary that is both the field and its widget annotation (ISO 32000-1, 12.5.6.19).
  PdfObject* widget = document.GetObjects().CreateObject("Annot");
  PdfDictionary& dictionary = widget->GetDictionary();
  dictionary.AddKey(PdfName("Subtype"), PdfName("Widget"));
  dictionary.AddKey(PdfName("FT"), PdfName("Sig"));
  dictionary.AddKey(PdfName("T"), PdfString(placement.name));
  dictionary.AddKey(PdfName("Rect"), rect);
  dictionary.AddKey(PdfName("F"), static_cast<pdf_int64>(4));  // Print
  dictionary.AddKey(PdfName("P"), page->GetObject()->Reference());
  PageAnnotations(document, *page).push_back(widget->Reference());
  fields.push_back(widget->Reference());
}

}  // namespace

common::Result<std::string> FinishPdf(std::string pdf, const FinishOptions& options) {
  RepairDanglingXrefEntries(pdf);
  return RunPodofo(common::ErrorCode::kInternal, "cannot finish the PDF",
                   [&]() -> common::Result<std::string> {
                     PdfMemDocument document;
                     document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
                     PdfDictionary& catalog = document.GetCatalog()->GetDictionary();
                     PdfDictionary& info = document.GetInfo()->GetObject()->GetDictionary();
                     const PdfString date(FormatPdfDate(options.creation_time));
                     info.AddKey(PdfName("CreationDate"), date);
                     info.AddKey(PdfName("ModDate"), date);
                     if (!options.language.empty()) {
                       catalog.AddKey(PdfName("Lang"), PdfTextString(options.language));
                     }
                     PdfDictionary preferences;
                     preferences.AddKey(PdfName("DisplayDocTitle"), PdfVariant(true));
                     catalog.AddKey(PdfName("ViewerPreferences"), preferences);
                     if (!options.signature_fields.empty()) {
                       PdfArray fields;
                       for (const auto& placement : options.signature_fields) {
                         AddSignatureField(document, placement, fields);
                       }
                       PdfDictionary form;
                       form.AddKey(PdfName("Fields"), fields);
                       catalog.AddKey(PdfName("AcroForm"),
                                      document.GetObjects().CreateObject(form)->Reference());
                     }
                     PdfRefCountedBuffer buffer;
                     PdfOutputDevice device(&buffer);
                     document.Write(&device);
                     return std::string(buffer.GetBuffer(), device.GetLength());
                   });
}

}  // namespace sealpost::adapters::pdf
