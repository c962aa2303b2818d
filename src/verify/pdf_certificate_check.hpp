// The PDF certificate's own seal, as `sealpost verify` judges it: a sealpost certificate carries
// exactly one PAdES seal, which must be intact, chain to a trust anchor and cover the whole file
// (so the text and the embedded evidence files are both what the provider sealed). The embedded
// evidence files are then checked one by one like any evidence (offline_verifier.cpp).
// Stateless and thread-safe.
#pragma once

#include <string>
#include <vector>

namespace sealpost::verify {

struct PdfSealCheck {
  bool passed = false;
  std::string detail;  // who sealed and when, or what is wrong
};

// `trust_anchor_pems`: PEM texts of the trusted root certificates (may be empty: then the seal
// cannot be trusted and the check fails saying so).
PdfSealCheck CheckPdfSeal(const std::string& pdf,
                          const std::vector<std::string>& trust_anchor_pems);

// The PDF starts with the "%PDF-" header.
bool LooksLikePdf(const std::string& bytes);

}  // namespace sealpost::verify
