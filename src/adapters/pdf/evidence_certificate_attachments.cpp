#include "adapters/pdf/evidence_certificate_attachments.hpp"

#include <set>
#include <stdexcept>

#include "adapters/pdf/pdf_date.hpp"
#include "adapters/pdf/podofo_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;
using namespace PoDoFo;

// A crafted name tree may nest deeply or in a cycle: both are cut off.
constexpr int kMaxTreeDepth = 32;

// Collects a decoded stream, refusing to grow past the limit (a small flate stream can inflate
// to gigabytes). PoDoFo reports through exceptions, so this throws; RunPodofo converts it.
class LimitedStringOutput final : public PdfOutputStream {
 public:
  LimitedStringOutput(std::string& out, std::size_t limit) : out_(out), limit_(limit) {}
  pdf_long Write(const char* buffer, pdf_long length) override {
    if (length < 0 || out_.size() + static_cast<std::size_t>(length) > limit_) {
      throw std::length_error("an embedded file is larger than " + std::to_string(limit_) +
                              " bytes");
    }
    out_.append(buffer, static_cast<std::size_t>(length));
    return length;
  }
  void Close() override {}

 private:
  std::string& out_;
  const std::size_t limit_;
};

class EmbeddedFileWalker {
 public:
  explicit EmbeddedFileWalker(PdfMemDocument& document) : objects_(document.GetObjects()) {}

  void Walk(PdfObject* node, int depth) {
    node = Resolve(node);
    if (node == nullptr || !node->IsDictionary() || depth > kMaxTreeDepth) return;
    const unsigned number = node->Reference().ObjectNumber();
    if (number != 0 && !visited_.insert(number).second) return;
    PdfDictionary& dictionary = node->GetDictionary();
    if (PdfObject* kids = Resolve(dictionary.GetKey(PdfName("Kids")));
        kids != nullptr && kids->IsArray()) {
      for (PdfObject& kid : kids->GetArray()) Walk(&kid, depth + 1);
    }
    PdfObject* names = Resolve(dictionary.GetKey(PdfName("Names")));
    if (names == nullptr || !names->IsArray()) return;
    PdfArray& pairs = names->GetArray();
    for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
      std::string key;
      if (pairs[i].IsString() || pairs[i].IsHexString()) {
        key = pairs[i].GetString().GetStringUtf8();
      }
      ReadFileSpec(key, Resolve(&pairs[i + 1]));
    }
  }

  std::vector<PdfEmbeddedFile> TakeFound() { return std::move(found_); }

 private:
  PdfObject* Resolve(PdfObject* object) const {
    for (int hops = 0; object != nullptr && object->IsReference() && hops < 8; ++hops) {
      object = objects_.GetObject(object->GetReference());
    }
    return object != nullptr && object->IsReference() ? nullptr : object;
  }

  static std::string Text(PdfObject* object) {
    if (object == nullptr || !(object->IsString() || object->IsHexString())) return {};
    return object->GetString().GetStringUtf8();
  }

  void ReadFileSpec(const std::string& key, PdfObject* spec) {
    if (spec == nullptr || !spec->IsDictionary()) return;
    PdfDictionary& dictionary = spec->GetDictionary();
    PdfObject* ef = Resolve(dictionary.GetKey(PdfName("EF")));
    if (ef == nullptr || !ef->IsDictionary()) return;  // a reference to an external file
    PdfObject* stream = Resolve(ef->GetDictionary().GetKey(PdfName("UF")));
    if (stream == nullptr || !stream->HasStream()) {
      stream = Resolve(ef->GetDictionary().GetKey(PdfName("F")));
    }
    if (stream == nullptr || !stream->HasStream()) return;
    if (found_.size() >= kMaxEmbeddedFiles) {
      throw std::length_error("more than " + std::to_string(kMaxEmbeddedFiles) + " embedded files");
    }
    PdfEmbeddedFile file;
    file.name = Text(Resolve(dictionary.GetKey(PdfName("UF"))));
    if (file.name.empty()) file.name = Text(Resolve(dictionary.GetKey(PdfName("F"))));
    if (file.name.empty()) file.name = key;
    file.description = Text(Resolve(dictionary.GetKey(PdfName("Desc"))));
    if (PdfObject* subtype = Resolve(stream->GetDictionary().GetKey(PdfName("Subtype")));
        subtype != nullptr && subtype->IsName()) {
      file.mime_type = subtype->GetName().GetName();
    }
    LimitedStringOutput out(file.data, kMaxEmbeddedFileBytes);
    stream->GetStream()->GetFilteredCopy(&out);
    found_.push_back(std::move(file));
  }

  PdfVecObjects& objects_;
  std::set<unsigned> visited_;
  std::vector<PdfEmbeddedFile> found_;
};

}  // namespace

common::Result<std::string> EmbedFiles(std::string_view pdf,
                                       const std::vector<PdfEmbeddedFile>& files,
                                       common::TimePoint modified) {
  return RunPodofo(
      ErrorCode::kInvalidArgument, "cannot embed files in the PDF",
      [&]() -> common::Result<std::string> {
        PdfMemDocument document;
        document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
        const PdfString date(FormatPdfDate(modified));
        // PoDoFo stamps /ModDate with the wall clock on load: put the given time back.
        document.GetInfo()->GetObject()->GetDictionary().AddKey(PdfName("ModDate"), date);
        PdfArray associated;
        for (const auto& file : files) {
          PdfObject* stream = document.GetObjects().CreateObject("EmbeddedFile");
          if (!file.mime_type.empty()) {
            stream->GetDictionary().AddKey(PdfName("Subtype"), PdfName(file.mime_type));
          }
          PdfDictionary params;
          params.AddKey(PdfName("Size"), static_cast<pdf_int64>(file.data.size()));
          params.AddKey(PdfName("ModDate"), date);
          stream->GetDictionary().AddKey(PdfName("Params"), params);
          stream->GetStream()->Set(file.data.data(), static_cast<pdf_long>(file.data.size()));

          PdfObject* spec = document.GetObjects().CreateObject("Filespec");
          PdfDictionary& d = spec->GetDictionary();
          d.AddKey(PdfName("F"), PdfTextString(file.name));
          d.AddKey(PdfName("UF"), PdfTextString(file.name));
          if (!file.description.empty()) d.AddKey(PdfName("Desc"), PdfTextString(file.description));
          d.AddKey(PdfName("AFRelationship"), PdfName("Source"));
          PdfDictionary ef;
          ef.AddKey(PdfName("F"), stream->Reference());
          ef.AddKey(PdfName("UF"), stream->Reference());
          d.AddKey(PdfName("EF"), ef);
          document.GetNamesTree(ePdfCreateObject)
              ->AddValue(PdfName("EmbeddedFiles"), PdfString(file.name), spec->Reference());
          associated.push_back(spec->Reference());
        }
        if (!associated.empty()) {
          document.GetCatalog()->GetDictionary().AddKey(PdfName("AF"), associated);
        }
        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        document.Write(&device);
        return std::string(buffer.GetBuffer(), device.GetLength());
      });
}

common::Result<std::vector<PdfEmbeddedFile>> ReadEmbeddedFiles(std::string_view pdf) {
  return RunPodofo(ErrorCode::kInvalidArgument, "cannot read the PDF's embedded files",
                   [&]() -> common::Result<std::vector<PdfEmbeddedFile>> {
                     PdfMemDocument document;
                     document.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
                     if (document.GetEncrypted()) {
                       return common::Fail(ErrorCode::kInvalidArgument, "the PDF is encrypted");
                     }
                     EmbeddedFileWalker walker(document);
                     PdfObject* names =
                         document.GetCatalog()->GetDictionary().GetKey(PdfName("Names"));
                     if (names != nullptr && names->IsReference()) {
                       names = document.GetObjects().GetObject(names->GetReference());
                     }
                     if (names == nullptr || !names->IsDictionary()) {
                       return std::vector<PdfEmbeddedFile>{};
                     }
                     walker.Walk(names->GetDictionary().GetKey(PdfName("EmbeddedFiles")), 0);
                     return walker.TakeFound();
                   });
}

}  // namespace sealpost::adapters::pdf
