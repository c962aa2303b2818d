// PdfFinisher: what cairo 1.16 cannot write, added to the PDF it produced — the document
// language (/Lang, read aloud correctly by screen readers), the viewer preference that shows the
// title instead of the file name, correct /CreationDate and /ModDate, and empty signature fields
// over the signature boxes (an AcroForm /FT /Sig widget per box, so that a signing application
// signs in the intended place). The document is rewritten once by PoDoFo (not an incremental
// update: nothing is signed yet); the output is deterministic for a given input. Thread-safety:
// under PodofoLock.
#pragma once

#include <string>
#include <vector>

#include "adapters/pdf/page_flow.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

struct FinishOptions {
  std::string language;  // BCP 47; /Lang is omitted when empty
  // /CreationDate and /ModDate: cairo 1.16 writes its dates without the "D:" prefix, and PoDoFo
  // stamps /ModDate with the wall clock when it loads a file; both are replaced by this time.
  common::TimePoint creation_time;
  std::vector<SignatureFieldPlacement> signature_fields;
};

// `pdf` is cairo's output (see cairo_xref_repair.hpp for the one flaw it has to be cleared of).
common::Result<std::string> FinishPdf(std::string pdf, const FinishOptions& options);

}  // namespace sealpost::adapters::pdf
