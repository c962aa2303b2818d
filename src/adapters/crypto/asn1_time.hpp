// Conversion between ASN.1 times (UTCTime, GeneralizedTime with optional fractional seconds, as in
// an RFC 3161 genTime) and common::TimePoint. Pure functions; thread-safe.
#pragma once

#include <ctime>

#include "adapters/crypto/openssl_handles.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::crypto {

// Keeps fractional seconds down to microseconds (ASN1_TIME_to_tm would drop them).
common::Result<common::TimePoint> Asn1TimeToTimePoint(const ASN1_TIME* time);

// Whole seconds since the epoch, rounding down (for APIs that take time_t).
std::time_t ToTimeT(common::TimePoint time);

}  // namespace sealpost::adapters::crypto
