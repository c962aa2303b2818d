#include "adapters/pdf/pdf_signature_finder.hpp"

#include <set>
#include <utility>

#include "adapters/pdf/podofo_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;
using namespace PoDoFo;

// A crafted file may nest fields deeply or in a cycle: both are cut off.
constexpr int kMaxFieldDepth = 32;

class FieldWalker {
 public:
  explicit FieldWalker(PdfMemDocument& document) : objects_(document.GetObjects()) {}

  void Walk(const PdfObject* node, const std::string& parent_name,
            const std::string& inherited_type, int depth) {
    node = Resolve(node);
    if (node == nullptr || !node->IsDictionary() || depth > kMaxFieldDepth) return;
    // Direct dictionaries have object number 0 and cannot form a cycle on their own.
    const unsigned number = node->Reference().ObjectNumber();
    if (number != 0 && !visited_.insert(number).second) return;
    const PdfDictionary& dictionary = node->GetDictionary();
    std::string name = parent_name;
    if (const PdfObject* partial = Resolve(dictionary.GetKey(PdfName("T")));
        partial != nullptr && (partial->IsString() || partial->IsHexString())) {
      const std::string part = partial->GetString().GetStringUtf8();
      name = name.empty() ? part : name + "." + part;
    }
    std::string type = inherited_type;
    if (const PdfObject* field_type = Resolve(dictionary.GetKey(PdfName("FT")));
        field_type != nullptr && field_type->IsName()) {
      type = field_type->GetName().GetName();
    }
    if (const PdfObject* kids = Resolve(dictionary.GetKey(PdfName("Kids")));
        kids != nullptr && kids->IsArray()) {
      for (const PdfObject& kid : kids->GetArray()) Walk(&kid, name, type, depth + 1);
    }
    if (type != "Sig") return;
    const PdfObject* value = Resolve(dictionary.GetKey(PdfName("V")));
    if (value == nullptr || !value->IsDictionary()) return;  // an empty signature field
    found_.push_back(Read(name, value->GetDictionary()));
  }

  std::vector<SignatureField> TakeFound() { return std::move(found_); }

 private:
  const PdfObject* Resolve(const PdfObject* object) const {
    for (int hops = 0; object != nullptr && object->IsReference() && hops < 8; ++hops) {
      object = objects_.GetObject(object->GetReference());
    }
    return object != nullptr && object->IsReference() ? nullptr : object;
  }

  SignatureField Read(const std::string& name, const PdfDictionary& signature) const {
    SignatureField field;
    field.name = name;
    if (const PdfObject* sub_filter = Resolve(signature.GetKey(PdfName("SubFilter")));
        sub_filter != nullptr && sub_filter->IsName()) {
      field.sub_filter = sub_filter->GetName().GetName();
    }
    if (const PdfObject* type = Resolve(signature.GetKey(PdfName("Type")));
        type != nullptr && type->IsName()) {
      field.type = type->GetName().GetName();
    }
    if (const PdfObject* range = Resolve(signature.GetKey(PdfName("ByteRange")));
        range != nullptr && range->IsArray()) {
      for (const PdfObject& number : range->GetArray()) {
        if (!number.IsNumber()) {
          field.byte_range.clear();
          break;
        }
        field.byte_range.push_back(number.GetNumber());
      }
    }
    if (const PdfObject* contents = Resolve(signature.GetKey(PdfName("Contents")));
        contents != nullptr && (contents->IsHexString() || contents->IsString())) {
      const PdfString& bytes = contents->GetString();
      const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.GetString());
      field.contents.assign(data, data + bytes.GetLength());
    }
    if (const PdfObject* date = Resolve(signature.GetKey(PdfName("M")));
        date != nullptr && (date->IsString() || date->IsHexString())) {
      field.signing_date = date->GetString().GetStringUtf8();
    }
    return field;
  }

  PdfVecObjects& objects_;
  std::set<unsigned> visited_;
  std::vector<SignatureField> found_;
};

}  // namespace

common::Result<std::vector<SignatureField>> FindSignatureFields(std::string_view pdf) {
  return RunPodofo(ErrorCode::kInvalidArgument, "cannot read the PDF",
                   [&]() -> common::Result<std::vector<SignatureField>> {
                     PdfMemDocument document;
                     document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
                     if (document.GetEncrypted()) {
                       return common::Fail(ErrorCode::kInvalidArgument, "the PDF is encrypted");
                     }
                     FieldWalker walker(document);
                     const PdfObject* form =
                         document.GetCatalog()->GetDictionary().GetKey(PdfName("AcroForm"));
                     if (form != nullptr && form->IsReference()) {
                       form = document.GetObjects().GetObject(form->GetReference());
                     }
                     if (form == nullptr || !form->IsDictionary()) {
                       return std::vector<SignatureField>{};
                     }
                     const PdfObject* fields = form->GetDictionary().GetKey(PdfName("Fields"));
                     if (fields != nullptr && fields->IsReference()) {
                       fields = document.GetObjects().GetObject(fields->GetReference());
                     }
                     if (fields == nullptr || !fields->IsArray()) {
                       return std::vector<SignatureField>{};
                     }
                     for (const PdfObject& field : fields->GetArray()) {
                       walker.Walk(&field, "", "", 0);
                     }
                     return walker.TakeFound();
                   });
}

}  // namespace sealpost::adapters::pdf
