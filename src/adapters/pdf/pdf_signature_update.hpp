// PrepareSignatureUpdate: appends to a PDF, as an incremental update (the original bytes stay
// untouched at the start), an invisible signature field on the first page and its signature
// dictionary: /Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /M, /Reason, /Location,
// /ContactInfo, a /ByteRange already filled in, and a /Contents placeholder of zeros that the
// caller overwrites with the hex of the CMS signature (see pdf_byte_range.hpp).
//
// Why PoDoFo 0.9.8 and not an update written by hand: adding a field means editing the catalog
// (/AcroForm), the first page (/Annots) and appending a cross-reference section that matches the
// file's own (classic table or stream, possibly with object streams). PoDoFo parses any PDF
// version and writes that update correctly. Where it is awkward we take over: its
// PdfSignatureField always writes /SubFilter adbe.pkcs7.detached (overwritten here), its dates use
// the wall clock in the local zone (we write /M from the injected clock), its
// PdfSignOutputDevice::AdjustByteRange only finds the /ByteRange when no other key sorts between
// it and /Contents (a /ContactInfo does) — so the placeholders are located and the /ByteRange
// filled here, in the bytes — and its signing flow would keep the document and the PoDoFo lock
// while the time-stamp authority answers: PoDoFo stops at the placeholder; hashing, CMS signing
// and filling /Contents happen outside it (pades_sealer.cpp).
// Thread-safety: runs under PodofoLock.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "adapters/pdf/pdf_byte_range.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

struct SignatureDictionaryFields {
  std::string reason;              // UTF-8; omitted when empty
  std::string location;            // UTF-8; omitted when empty
  std::string contact_info;        // UTF-8; omitted when empty
  common::TimePoint signing_time;  // /M, the claimed signing time (UTC)
};

struct PreparedSignature {
  std::string pdf;  // the whole updated file, /Contents still zeros
  ByteRange range;  // the gap is the /Contents placeholder
};

// `contents_capacity`: how many bytes of CMS the placeholder can take (it holds twice as many hex
// digits). kInvalidArgument when `pdf` cannot be parsed, is encrypted or has no page.
common::Result<PreparedSignature> PrepareSignatureUpdate(std::string_view pdf,
                                                         const SignatureDictionaryFields& fields,
                                                         std::size_t contents_capacity);

}  // namespace sealpost::adapters::pdf
