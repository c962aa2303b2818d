// FindSignatureFields: the signature fields of a PDF that hold a signature, read with PoDoFo from
// the document's AcroForm (fields nested under /Kids included, /FT inherited as ISO 32000-1,
// 12.7.3.1 says), with the raw values the inspector checks: /ByteRange, /Contents, /SubFilter
// and /M of each signature dictionary. Nothing is judged here.
// Thread-safety: runs under PodofoLock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

struct SignatureField {
  std::string name;        // fully qualified field name ("parent.child")
  std::string sub_filter;  // "" when absent
  std::string type;        // /Type of the signature dictionary ("Sig", "DocTimeStamp" or "")
  std::vector<long long> byte_range;        // as written; empty when absent or not numbers
  common::Bytes contents;                   // /Contents as parsed by PoDoFo
  std::optional<std::string> signing_date;  // /M, raw PDF date string
};

// kInvalidArgument when `pdf` cannot be parsed or is encrypted.
common::Result<std::vector<SignatureField>> FindSignatureFields(std::string_view pdf);

}  // namespace sealpost::adapters::pdf
