// OidcClient: app::IdentityProvider for any OpenID Connect provider with the authorization code
// flow (itsme, FAS, the demo provider, generic ones — the differences are OidcProviderConfig).
//   BeginSignIn:    state (256 bits), nonce (256 bits), PKCE S256, acr_values, optional claims
//   request. CompleteSignIn: token request (private_key_jwt or client secret), ID token
//   decrypted/verified
//                   (oidc_id_token_verifier), acr mapped to an eIDAS level and checked against the
//                   required one, national number and names from the ID token or userinfo.
// The provider's metadata and keys are fetched lazily (a provider that is down at start-up does not
// stop sealpost) and cached. Never logs tokens, codes, secrets or national numbers.
// Thread-safety: thread-safe (the caches lock; the configuration is immutable).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "adapters/identity/oidc_discovery.hpp"
#include "adapters/identity/oidc_jose.hpp"
#include "adapters/identity/oidc_jwks_cache.hpp"
#include "adapters/identity/oidc_provider_config.hpp"
#include "app/ports/identity_provider.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"

namespace sealpost::adapters::identity {

class OidcClient final : public app::IdentityProvider {
 public:
  // kInvalidArgument for a wrong configuration (see ValidateConfig) or unusable client keys.
  // `clock` and `random` must outlive the client; `random` must be a CSPRNG in production.
  static common::Result<std::unique_ptr<OidcClient>> Create(OidcProviderConfig config,
                                                            const common::Clock& clock,
                                                            common::Random& random);

  const std::string& Id() const override { return config_.id; }
  const std::string& DisplayName() const override { return config_.display_name; }
  common::Result<app::PendingSignIn> BeginSignIn(const std::string& redirect_uri) override;
  common::Result<app::VerifiedIdentity> CompleteSignIn(const std::string& code,
                                                       const app::PendingSignIn& pending) override;

  const OidcProviderConfig& Config() const { return config_; }
  // The `claims` request parameter value for this configuration (empty when not requested).
  std::string ClaimsRequest() const;

 private:
  OidcClient(OidcProviderConfig config, const common::Clock& clock, common::Random& random,
             std::optional<JoseKeySet> client_keys);

  common::Result<std::string> HttpGet(const std::string& url) const;
  common::Result<nlohmann::json> FetchUserinfo(const OidcProviderMetadata& metadata,
                                               const std::string& access_token,
                                               const std::string& subject);

  const OidcProviderConfig config_;
  const common::Clock& clock_;
  common::Random& random_;
  const std::optional<JoseKeySet> client_keys_;
  OidcDiscovery discovery_;
  JwksCache jwks_;
};

}  // namespace sealpost::adapters::identity
