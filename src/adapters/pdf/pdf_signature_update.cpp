#include "adapters/pdf/pdf_signature_update.hpp"

#include <set>

#include "adapters/pdf/pdf_date.hpp"
#include "adapters/pdf/podofo_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;
using namespace PoDoFo;

// Names of the form fields at the top of /AcroForm /Fields.
std::set<std::string> FieldNames(PdfMemDocument& document, PdfAcroForm& form) {
  std::set<std::string> names;
  const PdfObject* fields = form.GetObject()->GetDictionary().GetKey(PdfName("Fields"));
  if (fields != nullptr && fields->IsReference()) {
    fields = document.GetObjects().GetObject(fields->GetReference());
  }
  if (fields == nullptr || !fields->IsArray()) return names;
  for (const PdfObject& entry : fields->GetArray()) {
    const PdfObject* field =
        entry.IsReference() ? document.GetObjects().GetObject(entry.GetReference()) : &entry;
    if (field == nullptr || !field->IsDictionary()) continue;
    const PdfObject* name = field->GetDictionary().GetKey(PdfName("T"));
    if (name != nullptr && (name->IsString() || name->IsHexString()))
      names.insert(name->GetString().GetStringUtf8());
  }
  return names;
}

std::string UnusedSealFieldName(const std::set<std::string>& used) {
  for (int n = 1;; ++n) {
    std::string name = "sealpost-seal-" + std::to_string(n);
    if (used.count(name) == 0) return name;
  }
}

}  // namespace

common::Result<PreparedSignature> PrepareSignatureUpdate(std::string_view pdf,
                                                         const SignatureDictionaryFields& fields,
                                                         std::size_t contents_capacity) {
  auto updated = RunPodofo(
      ErrorCode::kInvalidArgument, "cannot add a signature to the PDF",
      [&]() -> common::Result<std::string> {
        PdfMemDocument document;
        document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()), /*bForUpdate=*/true);
        if (document.GetEncrypted()) {
          return common::Fail(ErrorCode::kInvalidArgument, "the PDF is encrypted");
        }
        if (document.GetPageCount() < 1) {
          return common::Fail(ErrorCode::kInvalidArgument, "the PDF has no page");
        }
        // No default appearance: it would embed a font for nothing (the seal is invisible).
        PdfAcroForm* form = document.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
        // SignaturesExist | AppendOnly: viewers must save later changes as incremental updates.
        form->GetObject()->GetDictionary().AddKey(PdfName("SigFlags"),
                                                  PdfObject(static_cast<pdf_int64>(3)));
        const std::string field_name = UnusedSealFieldName(FieldNames(document, *form));

        PdfPage* page = document.GetPage(0);
        // An invisible signature: a zero-size widget (ISO 32000-1, 12.7.4.5), printable flag
        // set as PDF/A asks.
        PdfAnnotation* widget = page->CreateAnnotation(ePdfAnnotation_Widget, PdfRect(0, 0, 0, 0));
        widget->SetFlags(ePdfAnnotationFlags_Print);
        // PoDoFo dates the widget and /Info /ModDate with the wall clock in the local zone; the
        // injected clock is the one time source, in UTC.
        const PdfString date(FormatPdfDate(fields.signing_time));
        widget->GetObject()->GetDictionary().AddKey(PdfName("M"), date);
        if (document.GetInfo() != nullptr) {
          document.GetInfo()->GetObject()->GetDictionary().AddKey(PdfName("ModDate"), date);
        }
        PdfSignatureField field(widget, form, &document);
        field.SetFieldName(PdfString(field_name));

        // PoDoFo writes this data between '<' and '>' as /Contents, and a /ByteRange
        // placeholder wide enough for any four offsets; both are found and filled below.
        field.SetSignature(PdfData(std::string(2 * contents_capacity, '0').c_str()));
        PdfObject* signature = field.GetSignatureObject();
        if (signature == nullptr) {
          return common::Fail(ErrorCode::kInternal, "PoDoFo made no signature dictionary");
        }
        PdfDictionary& dictionary = signature->GetDictionary();
        dictionary.AddKey(PdfName("Filter"), PdfName("Adobe.PPKLite"));
        dictionary.AddKey(PdfName("SubFilter"), PdfName("ETSI.CAdES.detached"));
        dictionary.AddKey(PdfName("M"), date);
        const std::pair<const char*, const std::string*> texts[] = {
            {"Reason", &fields.reason},
            {"Location", &fields.location},
            {"ContactInfo", &fields.contact_info}};
        for (const auto& [key, value] : texts) {
          if (value->empty()) {
            dictionary.RemoveKey(PdfName(key));
          } else {
            dictionary.AddKey(PdfName(key), PdfTextString(*value));
          }
        }
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        document.WriteUpdate(&device, /*bTruncate=*/true);
        return std::string(buffer.GetBuffer(), device.GetLength());
      });
  if (!updated) return common::Fail(updated.error());
  std::string& out = *updated;
  if (out.size() <= pdf.size() || out.compare(0, pdf.size(), pdf) != 0) {
    return common::Fail(ErrorCode::kInternal, "PoDoFo did not append the update");
  }

  // Fill the /ByteRange placeholder around the /Contents placeholder, both in the appended part.
  const std::string placeholder = "<" + std::string(2 * contents_capacity, '0') + ">";
  const std::size_t gap = out.find(placeholder, pdf.size());
  const std::size_t key = out.find("/ByteRange", pdf.size());
  const std::size_t open = key == std::string::npos ? key : out.find('[', key);
  const std::size_t close = open == std::string::npos ? open : out.find(']', open);
  if (gap == std::string::npos || close == std::string::npos ||
      out.find(placeholder, gap + 1) != std::string::npos) {
    return common::Fail(ErrorCode::kInternal, "the signature placeholders were not written");
  }
  const std::size_t after_gap = gap + placeholder.size();
  std::string numbers = "[0 " + std::to_string(gap) + " " + std::to_string(after_gap) + " " +
                        std::to_string(out.size() - after_gap);
  const std::size_t width = close - open;  // from '[' up to, not including, ']'
  if (numbers.size() > width) {
    return common::Fail(ErrorCode::kInternal, "the /ByteRange placeholder is too narrow");
  }
  numbers.resize(width, ' ');  // padding keeps every offset in the file where it was
  out.replace(open, width, numbers);

  auto range = ParseByteRangeArray(out, open);
  if (!range || range->end() != out.size() || range->first_length != gap) {
    return common::Fail(ErrorCode::kInternal, "the /ByteRange written does not read back");
  }
  return PreparedSignature{std::move(out), *range};
}

}  // namespace sealpost::adapters::pdf
