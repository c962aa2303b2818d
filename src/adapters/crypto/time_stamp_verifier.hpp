// VerifyTimeStampToken: full verification of an RFC 3161 TimeStampToken (the CMS SignedData, as
// stored in evidence and checkpoints) against an expected SHA-256 imprint and trust anchors.
// The TSA chain is validated at the token's own genTime, so tokens stay valid after the TSA
// certificate expires. Revocation is not checked here (no CRL/OCSP plumbing yet).
// Thread-safety: pure functions over their arguments; the anchors are only read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::crypto {

struct TimeStampInfo {
  common::TimePoint gen_time;
  std::string serial_hex;   // lower-case hex of the serial number
  std::string policy_oid;   // dotted form, e.g. "1.3.6.1.4.1.99999.1.1"
  std::string tsa_subject;  // RFC 2253 subject of the signing certificate
};

// kInvalidArgument when the token is malformed, its signature or chain does not verify at genTime,
// its imprint is not SHA-256 or differs from `expected_imprint`.
common::Result<TimeStampInfo> VerifyTimeStampToken(const common::Bytes& token_der,
                                                   const common::Sha256Digest& expected_imprint,
                                                   const std::vector<X509*>& trust_anchors);

// Same, with the trust anchors as a PEM bundle.
common::Result<TimeStampInfo> VerifyTimeStampToken(const common::Bytes& token_der,
                                                   const common::Sha256Digest& expected_imprint,
                                                   std::string_view trust_anchors_pem);

}  // namespace sealpost::adapters::crypto
