// OidcDiscovery: the provider's metadata (OpenID Connect Discovery 1.0), fetched from
// issuer + "/.well-known/openid-configuration" and cached for a TTL. The document's issuer must
// equal the configured one (mix-up protection), and the endpoints must be https (or loopback http
// when allowed). Thread-safety: thread-safe (a mutex guards the cache; a failed fetch is not
// cached).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "adapters/identity/oidc_provider_config.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::identity {

struct OidcProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string userinfo_endpoint;  // may be empty
  std::string jwks_uri;
};

// Parses and checks a discovery document against the expected issuer.
common::Result<OidcProviderMetadata> ParseDiscoveryDocument(std::string_view json,
                                                            const std::string& issuer,
                                                            bool allow_loopback_http);

class OidcDiscovery {
 public:
  // `fetch(url)` returns the body of a 200 answer; injected so that tests need no server.
  using Fetch = std::function<common::Result<std::string>(const std::string& url)>;

  OidcDiscovery(std::string issuer, bool allow_loopback_http, std::chrono::seconds ttl,
                const common::Clock& clock, Fetch fetch);

  // kUnavailable when the provider cannot be reached; kInvalidArgument for a wrong document.
  common::Result<OidcProviderMetadata> Get();

 private:
  const std::string issuer_;
  const bool allow_loopback_http_;
  const std::chrono::seconds ttl_;
  const common::Clock& clock_;
  const Fetch fetch_;
  std::mutex mutex_;
  std::optional<OidcProviderMetadata> cached_;
  common::TimePoint fetched_at_{};
};

}  // namespace sealpost::adapters::identity
