// The signature sealpost puts on every webhook request (docs/api.md "Webhooks"):
//   Sealpost-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>[,v1=<hex>]
// one v1 per secret, the newest first (two while a rotated secret overlaps). The key is the secret
// exactly as shown to the integrator (ASCII, "whsec_" included), the message the decimal time,
// a dot and the raw body bytes. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sealpost::adapters::webhook {

// Lower-case hex HMAC-SHA256 of "<timestamp>.<body>" under `secret`.
std::string WebhookSignatureV1(std::string_view secret, std::int64_t timestamp,
                               std::string_view body);

// The header value for `secrets` (newest first).
std::string WebhookSignatureHeader(const std::vector<std::string>& secrets, std::int64_t timestamp,
                                   std::string_view body);

}  // namespace sealpost::adapters::webhook
