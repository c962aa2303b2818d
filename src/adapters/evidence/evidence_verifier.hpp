// EvidenceVerifier: checks a sealed EN 319 522-3 evidence document offline, check by check, and
// says what it states. Each check is reported separately so that a failure names what is wrong:
//   well-formed          the bytes are XML (no DTD) with root ev:Evidence of the EN 319 522
//   namespace signature-structure  one ds:Signature (child of the root) with exactly one Reference
//   URI="" carrying
//                        the enveloped transform, one SignedProperties reference, and that
//                        reference designating the one SignedProperties inside the
//                        QualifyingProperties whose Target is this signature (defeats wrapping
//                        attacks)
//   xmldsig-core         xmlsec verifies every reference digest and the signature value with the
//   key
//                        of the embedded seal certificate, whose chain leads to a trust anchor
//                        (checked at the time-stamp's genTime when the token verifies, else now)
//   signing-certificate  SigningCertificateV2 digest and IssuerSerialV2 match the certificate used,
//                        and so does the certificate shown in EvidenceIssuerDetails
//   signature-time-stamp the RFC 3161 token verifies (TSA chain at genTime) and its imprint is
//                        SHA-256(exc-c14n(ds:SignatureValue))
//   evidence-content     the mandatory EN 319 522 fields are present and consistent
// ok is true only when every check passed. Revocation (CRL/OCSP) is not checked.
// Thread-safety: stateless; Verify may be called concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/evidence/evidence_summary.hpp"

namespace sealpost::adapters::evidence {

namespace checks {
inline constexpr const char* kWellFormed = "well-formed";
inline constexpr const char* kSignatureStructure = "signature-structure";
inline constexpr const char* kXmlDsigCore = "xmldsig-core";
inline constexpr const char* kSigningCertificate = "signing-certificate";
inline constexpr const char* kTimeStamp = "signature-time-stamp";
inline constexpr const char* kContent = "evidence-content";
}  // namespace checks

struct VerificationCheck {
  std::string name;  // one of checks::k*
  bool passed = false;
  std::string detail;
};

struct VerificationReport {
  std::vector<VerificationCheck> checks;  // always all six, in the order above
  bool ok = false;
  EvidenceSummary summary;  // best effort: filled whenever the document could be read

  // nullptr when no check of that name exists.
  const VerificationCheck* Find(std::string_view name) const;
};

class EvidenceVerifier final {
 public:
  // `trust_anchor_pems`: root certificates trusted for the seal and the TSA (each PEM may hold
  // several certificates).
  static VerificationReport Verify(const std::string& xml_bytes,
                                   const std::vector<std::string>& trust_anchor_pems);
};

}  // namespace sealpost::adapters::evidence
