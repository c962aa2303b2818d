// The CMS SignedData inside a PAdES baseline signature (ETSI EN 319 142-1, /SubFilter
// ETSI.CAdES.detached; CAdES EN 319 122-1 B-B, or B-T with a time-stamp): detached content,
// SHA-256, signed attributes content-type (id-data), message-digest and ESS
// signing-certificate-v2 (RFC 5035: binds the signer certificate into the signature), the signer
// certificate and its chain in `certificates`; with a TimeStamper, an RFC 3161
// signature-time-stamp over the signature value as unsigned attribute (B-T).
// There is deliberately no signing-time attribute: PAdES carries the claimed time in the
// signature dictionary's /M and forbids the attribute. OpenSSL 3.0's CMS_SignerInfo_sign always
// adds one, so the signed attributes are DER-encoded and signed here with EVP_DigestSign instead.
// Thread-safety: pure function; the key and certificates are only read (OpenSSL 3 allows
// concurrent signing with one EVP_PKEY).
#pragma once

#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::pdf {

struct CadesSigner {
  X509* certificate = nullptr;
  EVP_PKEY* key = nullptr;   // ECDSA or RSA (PKCS#1 v1.5)
  std::vector<X509*> chain;  // intermediates (and optionally the root), added to the CMS
};

// The DER CMS ContentInfo. `time_stamper` may be null (B-B). Errors of the time-stamper are
// passed through (kUnavailable when the TSA is unreachable).
common::Result<common::Bytes> SignDetachedCades(const common::Sha256Digest& content_digest,
                                                const CadesSigner& signer,
                                                app::TimeStamper* time_stamper);

}  // namespace sealpost::adapters::pdf
