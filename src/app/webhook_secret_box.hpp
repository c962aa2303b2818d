// How a webhook signing secret is kept: never in clear in the database. Each endpoint gets its own
// AES-256 key (wrapped by the master key, like an item key) and each secret is sealed with
// AES-256-GCM bound to the endpoint id, so a secret cannot be moved to another endpoint. The clear
// secret exists in memory only while signing, and is shown to the integrator once. Thread-safe.
#pragma once

#include <string>

#include "app/ports/content_cipher.hpp"
#include "common/result.hpp"

namespace sealpost::app {

inline constexpr std::string_view kWebhookSecretPrefix = "whsec_";

class WebhookSecretBox {
 public:
  explicit WebhookSecretBox(ContentCipher& cipher) : cipher_(cipher) {}
  // A new wrapped key for a new endpoint.
  std::string NewWrappedKey();
  // The stored (base64) form of `secret` for the endpoint.
  common::Result<std::string> Seal(const std::string& wrapped_key, const std::string& endpoint_id,
                                   const std::string& secret);
  common::Result<std::string> Open(const std::string& wrapped_key, const std::string& endpoint_id,
                                   const std::string& sealed);

 private:
  ContentCipher& cipher_;
};

}  // namespace sealpost::app
