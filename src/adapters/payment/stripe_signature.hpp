// Verification of Stripe's webhook signature (REFERENCE.md §6), so that only Stripe can tell
// sealpost that a payment succeeded: a forged or replayed-late webhook is refused before its body
// is trusted.
//
// Header `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]` (other schemes such as v0 are
// ignored). The signature is HMAC-SHA256 with the endpoint secret over "<t>.<raw body>"; it is
// compared in constant time against every v1 (Stripe sends several while a secret is rolled).
// The time-stamp must lie within the tolerance of now (default 300 s) in either direction.
// The raw body must be exactly the bytes received: parse the JSON only after verifying.
// Thread-safe (pure function over its arguments; "now" is injected).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::payment {

inline constexpr std::chrono::seconds kStripeSignatureTolerance{300};

// Ok when one v1 signature matches and the time-stamp is fresh. Otherwise kUnauthenticated with
// reason "invalid_signature" (missing/malformed header, no v1, no match) or "signature_expired"
// (|now − t| > tolerance).
common::Result<void> VerifyStripeSignature(
    std::string_view signature_header, std::string_view raw_body, std::string_view endpoint_secret,
    common::TimePoint now, std::chrono::seconds tolerance = kStripeSignatureTolerance);

// The v1 signature (lower-case hex) Stripe would send for this body at `timestamp`; used by the
// sandbox provider and by tests to sign their own webhooks.
std::string StripeSignatureV1(std::string_view endpoint_secret, std::int64_t timestamp,
                              std::string_view raw_body);

}  // namespace sealpost::adapters::payment
