// TimeStamper: obtains an RFC 3161 time-stamp token over a SHA-256 imprint.
// Implementations: the built-in TSA (demo, tests) and an HTTP client of an external (qualified)
// TSA. Thread-safe: called concurrently from sealing workers.
#pragma once

#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

struct TimeStampToken {
  common::Bytes der;  // the DER-encoded TimeStampToken (a CMS SignedData), not the TimeStampResp
  common::TimePoint gen_time;  // genTime from the TSTInfo
};

class TimeStamper {
 public:
  virtual ~TimeStamper() = default;
  // The token's imprint is checked to equal `imprint` and its nonce to match before it is returned.
  virtual common::Result<TimeStampToken> TimeStamp(const common::Sha256Digest& imprint) = 0;
};

}  // namespace sealpost::app
