// Embedded files of the evidence certificate: the delivery's sealed evidence XML travels inside
// the PDF (ISO 32000-1 7.11.4, the catalog's /Names /EmbeddedFiles tree, shown in every viewer's
// attachments panel and extracted by `pdfdetach`; also listed in the catalog's /AF with
// /AFRelationship /Source, as PDF/A-3 and PDF 2.0 name the files a document was made from).
// Embedding happens before the seal, so the seal covers the files too, and an offline verifier
// can check the certificate and every proof it restates from the one file.
// Thread-safety: both functions run PoDoFo under PodofoLock and may be called concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

struct PdfEmbeddedFile {
  std::string name;         // the file name viewers show (UTF-8)
  std::string description;  // /Desc; may be empty
  std::string mime_type;    // e.g. "application/xml"
  std::string data;
};

// Reading stops at these, so a crafted PDF on the verification page cannot exhaust memory (a
// sealed evidence is a few tens of kB).
inline constexpr std::size_t kMaxEmbeddedFiles = 256;
inline constexpr std::size_t kMaxEmbeddedFileBytes = 16u << 20;

// `pdf` rewritten with `files` embedded (not an incremental update: nothing is signed yet).
// /ModDate of the document and of each file is `modified`, so the same input gives the same
// bytes. kInvalidArgument when `pdf` cannot be parsed.
common::Result<std::string> EmbedFiles(std::string_view pdf,
                                       const std::vector<PdfEmbeddedFile>& files,
                                       common::TimePoint modified);

// Every file of the /EmbeddedFiles name tree, in tree order, decoded. kInvalidArgument when the
// PDF cannot be parsed or is encrypted, or a file exceeds the limits above.
common::Result<std::vector<PdfEmbeddedFile>> ReadEmbeddedFiles(std::string_view pdf);

}  // namespace sealpost::adapters::pdf
