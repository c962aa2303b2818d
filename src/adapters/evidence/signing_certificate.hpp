// SigningCertificateV2 values of a certificate (XAdES / EN 319 132-1): the SHA-256 digest of its
// DER and its IssuerSerialV2 (base64 of the DER IssuerSerial of RFC 5035: the issuer as a
// GeneralNames directoryName plus the serial number). Shared by the sealer (writes them) and the
// verifier (recomputes them). Pure functions; thread-safe.
#pragma once

#include <openssl/x509.h>

#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::evidence {

struct SigningCertificateRef {
  common::Bytes der;             // the certificate itself
  std::string digest_base64;     // base64(SHA-256(der))
  std::string issuer_serial_v2;  // base64(DER IssuerSerial)
};

common::Result<SigningCertificateRef> DescribeSigningCertificate(X509* certificate);

}  // namespace sealpost::adapters::evidence
