// PdfSignatureInspector: finds every signature of a PDF and says, for each, what it proves: which
// bytes it covers, whether they are unchanged, who signed (as named in the signer's certificate),
// whether that certificate leads to one of the caller's trust anchors, and when it was signed.
// Used to check company approval forms signed with a Belgian eID (anchors: the Belgian eID roots)
// and sealpost's own sealed PDFs on the public verification page (anchors: the provider's root).
// Revocation (CRL/OCSP) is not checked. Implementations are thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

// Read from the signer certificate's subject; empty when the attribute is absent.
struct PdfSignerIdentity {
  std::string common_name;
  std::string given_name;
  std::string surname;
  // Belgian eID signature certificates carry the national register number here.
  std::string serial_number;
  std::string subject;  // the whole subject, RFC 2253
  std::string issuer;   // the issuer, RFC 2253
};

enum class PdfSignatureKind {
  kSignature,          // a CMS signature (ETSI.CAdES.detached or adbe.pkcs7.detached)
  kDocumentTimeStamp,  // an RFC 3161 document time-stamp (ETSI.RFC3161): the signer is the TSA
  kUnsupported,        // another /SubFilter (e.g. adbe.pkcs7.sha1): not checked
};

enum class PdfSigningTimeSource {
  kNone,
  kTimeStamp,            // genTime of a verified RFC 3161 token: attested by the TSA
  kSignedAttribute,      // the CMS signing-time attribute: claimed by the signer
  kSignatureDictionary,  // the /M entry: claimed by the signing application
};

enum class PdfSignatureVerdict {
  // The bytes covered are unchanged, the signature verifies, the signer chains to an anchor, and
  // nothing was added to the file after the signed revision.
  kValid,
  // As kValid for the signed revision, but the file continues after it (an incremental update:
  // another signature, form filling, or anything else): what was added is not covered by this
  // signature.
  kValidWithLaterChanges,
  // The signature is intact but its certificate (or its time-stamp's TSA) does not lead to a
  // trust anchor, or its chain is not valid at the time checked: who signed, or when, is not
  // established.
  kUntrusted,
  // The covered bytes were changed, the signature or its time-stamp token is broken, or the
  // signature is malformed or unsupported: it proves nothing.
  kInvalid,
};

struct PdfSignatureReport {
  std::string field_name;  // the signature field's /T
  std::string sub_filter;  // e.g. "ETSI.CAdES.detached"
  PdfSignatureKind kind = PdfSignatureKind::kUnsupported;

  // /ByteRange [0 a b c] is well formed, starts at 0, and the gap [a, b) is exactly this
  // signature's /Contents hex string.
  bool byte_range_ok = false;
  // The signed revision: bytes 0 .. b + c. Anything after it was appended later.
  std::size_t signed_revision_size = 0;
  bool covers_whole_file = false;
  std::size_t bytes_after_signed_revision = 0;

  // The CMS signature (or time-stamp token) verifies over the byte range: the message digest
  // matches SHA-256 of the covered bytes and the signature over the signed attributes is good;
  // an ESS signing-certificate(-v2) attribute, when present, names the signer certificate.
  bool digest_ok = false;
  bool chain_trusted = false;
  std::string chain_error;  // why the chain was not trusted (OpenSSL's reason)
  // The time the chain was checked at: the time-stamp's genTime when one verified, else now.
  common::TimePoint chain_checked_at{};

  bool has_time_stamp = false;     // an RFC 3161 signature time-stamp is attached
  bool time_stamp_intact = false;  // its own signature and its imprint verify, whoever the TSA is
  bool time_stamp_ok = false;      // intact, and the TSA chains to a trust anchor at genTime
  std::optional<common::TimePoint> signing_time;
  PdfSigningTimeSource signing_time_source = PdfSigningTimeSource::kNone;

  PdfSignerIdentity signer;
  PdfSignatureVerdict verdict = PdfSignatureVerdict::kInvalid;
  std::vector<std::string> problems;  // English, for logs and operators; empty when kValid
};

class PdfSignatureInspector {
 public:
  virtual ~PdfSignatureInspector() = default;
  // One report per signature field that holds a signature, in file order (first signed first);
  // an empty list for an unsigned PDF. `trust_anchors_der`: DER X.509 certificates the signer
  // (and a time-stamp's TSA) must chain to. kInvalidArgument when `pdf` cannot be parsed as a
  // PDF or an anchor is not a certificate.
  [[nodiscard]] virtual common::Result<std::vector<PdfSignatureReport>> Inspect(
      std::string_view pdf, const std::vector<common::Bytes>& trust_anchors_der) = 0;
};

// Stable lower-case name, for logs and the verification page's machine-readable output.
inline const char* PdfSignatureVerdictName(PdfSignatureVerdict verdict) {
  switch (verdict) {
    case PdfSignatureVerdict::kValid:
      return "valid";
    case PdfSignatureVerdict::kValidWithLaterChanges:
      return "valid_with_later_changes";
    case PdfSignatureVerdict::kUntrusted:
      return "untrusted";
    case PdfSignatureVerdict::kInvalid:
      return "invalid";
  }
  return "invalid";
}

}  // namespace sealpost::app
