// CheckCmsSignature: verifies the detached CMS signature of a PDF signature over the bytes its
// /ByteRange covers — the message digest and the signature over the signed attributes, the ESS
// signing-certificate(-v2) binding when present, an RFC 3161 signature time-stamp when attached
// (EN 319 122-1: imprint = hash of the signature value), and the signer's chain to the caller's
// trust anchors with the CMS's certificates as intermediates, at the time-stamp's genTime when it
// verified, else at `now`. Also reads who signed (subject attributes) and the claimed signing-time
// attribute. Every finding is a field: nothing throws, nothing is decided here.
// Thread-safety: pure function; the anchors are only read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/pdf_signature_inspector.hpp"
#include "common/bytes.hpp"
#include "common/clock.hpp"

namespace sealpost::adapters::pdf {

struct CmsSignatureCheck {
  bool parsed = false;     // a CMS SignedData with exactly one SignerInfo
  bool digest_ok = false;  // message digest and signature verify, ESS binding holds
  bool chain_trusted = false;
  std::string chain_error;
  common::TimePoint chain_checked_at{};
  std::optional<common::TimePoint> signing_time_attribute;
  bool has_time_stamp = false;
  bool time_stamp_intact = false;
  bool time_stamp_ok = false;
  std::optional<common::TimePoint> time_stamp_time;
  app::PdfSignerIdentity signer;
  std::vector<std::string> problems;
};

CmsSignatureCheck CheckCmsSignature(const common::Bytes& cms_der, std::string_view covered,
                                    const std::vector<X509*>& trust_anchors, common::TimePoint now);

// For /SubFilter ETSI.RFC3161: the /Contents is a time-stamp token whose imprint is SHA-256 of the
// covered bytes; the TSA is the signer: digest_ok when the token is intact and its imprint
// matches, chain_trusted when the TSA chains to an anchor at genTime.
CmsSignatureCheck CheckDocumentTimeStamp(const common::Bytes& token_der, std::string_view covered,
                                         const std::vector<X509*>& trust_anchors);

// Subject attributes of `certificate` (UTF-8), with the RFC 2253 subject and issuer.
app::PdfSignerIdentity DescribeSigner(X509* certificate);

}  // namespace sealpost::adapters::pdf
