// OpenSslPdfSignatureInspector: the PdfSignatureInspector built on PoDoFo (finding the signature
// fields) and OpenSSL 3 (CMS, RFC 3161 and X.509 path validation). For each signed field it checks
// the /ByteRange against the raw file (the gap must be exactly that field's /Contents), the CMS
// over the covered bytes, and the signer chain against the caller's anchors; see
// cms_signature_check.hpp for what the CMS checks cover.
// Supported: /SubFilter ETSI.CAdES.detached and adbe.pkcs7.detached (signatures), ETSI.RFC3161
// (document time-stamps); others are reported kUnsupported and kInvalid.
// Thread-safety: Inspect may be called concurrently (the clock must be thread-safe; PoDoFo runs
// under PodofoLock).
#pragma once

#include <string_view>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/pdf_signature_inspector.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

class OpenSslPdfSignatureInspector final : public app::PdfSignatureInspector {
 public:
  // `clock` (outliving the inspector) gives "now" for chains without a verified time-stamp.
  explicit OpenSslPdfSignatureInspector(const common::Clock& clock) : clock_(clock) {}

  common::Result<std::vector<app::PdfSignatureReport>> Inspect(
      std::string_view pdf, const std::vector<common::Bytes>& trust_anchors_der) override;

  // The same, with anchors already parsed (borrowed).
  common::Result<std::vector<app::PdfSignatureReport>> Inspect(
      std::string_view pdf, const std::vector<X509*>& trust_anchors);

 private:
  const common::Clock& clock_;
};

}  // namespace sealpost::adapters::pdf
