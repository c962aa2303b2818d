#include "adapters/identity/oidc_discovery.hpp"

#include <nlohmann/json.hpp>

namespace sealpost::adapters::identity {

using common::ErrorCode;
using common::Fail;

common::Result<OidcProviderMetadata> ParseDiscoveryDocument(std::string_view json_text,
                                                            const std::string& issuer,
                                                            bool allow_loopback_http) {
  const auto json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "discovery document is not a JSON object");
  }
  auto text = [&](const char* name) {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  OidcProviderMetadata metadata{text("issuer"), text("authorization_endpoint"),
                                text("token_endpoint"), text("userinfo_endpoint"),
                                text("jwks_uri")};
  if (metadata.issuer != issuer) {
    return Fail(ErrorCode::kInvalidArgument, "discovery document issuer '" + metadata.issuer +
                                                 "' differs from the configured issuer '" + issuer +
                                                 "'");
  }
  auto acceptable = [&](const std::string& url) {
    return url.starts_with("https://") || (allow_loopback_http && IsLoopbackHttpUrl(url));
  };
  for (const auto* url :
       {&metadata.authorization_endpoint, &metadata.token_endpoint, &metadata.jwks_uri}) {
    if (!acceptable(*url))
      return Fail(ErrorCode::kInvalidArgument, "discovery document endpoint missing or not https");
  }
  if (!metadata.userinfo_endpoint.empty() && !acceptable(metadata.userinfo_endpoint)) {
    return Fail(ErrorCode::kInvalidArgument, "discovery document userinfo endpoint is not https");
  }
  return metadata;
}

OidcDiscovery::OidcDiscovery(std::string issuer, bool allow_loopback_http, std::chrono::seconds ttl,
                             const common::Clock& clock, Fetch fetch)
    : issuer_(std::move(issuer)),
      allow_loopback_http_(allow_loopback_http),
      ttl_(ttl),
      clock_(clock),
      fetch_(std::move(fetch)) {}

common::Result<OidcProviderMetadata> OidcDiscovery::Get() {
  std::lock_guard lock(mutex_);
  const auto now = clock_.Now();
  if (cached_ && now - fetched_at_ < ttl_) return *cached_;
  auto body = fetch_(issuer_ + "/.well-known/openid-configuration");
  if (!body) {
    // Keep serving a stale document when the provider is briefly unreachable: endpoints rarely
    // move.
    if (cached_) return *cached_;
    return Fail(body.error());
  }
  auto metadata = ParseDiscoveryDocument(*body, issuer_, allow_loopback_http_);
  if (!metadata) return Fail(metadata.error());
  cached_ = *metadata;
  fetched_at_ = now;
  return *metadata;
}

}  // namespace sealpost::adapters::identity
