// PdfSealer: applies the provider's electronic seal to a PDF, as a PAdES signature added in an
// incremental update: the bytes given are kept unchanged at the start of the result, so a seal
// never alters what was rendered, and any later change to them is detectable by every PDF
// verifier. Used for the evidence PDF certificates, invoices and receipts.
// Implementations are thread-safe: Seal may be called from several workers at once.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace sealpost::app {

class PdfSealer {
 public:
  virtual ~PdfSealer() = default;
  // The sealed PDF. kInvalidArgument when `pdf` is not a PDF that can be updated (unparseable,
  // encrypted, no page); kUnavailable when the time-stamp authority cannot be reached.
  [[nodiscard]] virtual common::Result<std::string> Seal(std::string_view pdf) = 0;
};

}  // namespace sealpost::app
