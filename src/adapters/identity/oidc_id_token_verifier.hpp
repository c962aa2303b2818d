// ID token (and signed userinfo) verification for the OpenID Connect relying party, OpenID Connect
// Core §3.1.3.7: optional JWE layer decrypted with the client's `enc` key, then the JWS verified
// against the provider's JWKS (RS256/ES256 only, key chosen by kid), then iss, aud/azp, exp, iat,
// nbf, nonce and auth_time checked. Every failure is kUnauthenticated with one user-fit message;
// the Error's `reason` says what failed, for logs (it never contains a token or claim value).
// Thread-safety: thread-safe when the JwksCache is (it is).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapters/identity/oidc_jose.hpp"
#include "adapters/identity/oidc_jwks_cache.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::identity {

inline constexpr char kUnverifiedAnswer[] = "the identity provider's answer could not be verified";

// kUnauthenticated, kUnverifiedAnswer, `detail` as the reason.
std::unexpected<common::Error> Unverified(std::string detail);

struct IdTokenExpectations {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  common::TimePoint now;
  std::chrono::seconds skew{60};
  bool require_auth_time = true;
};

// Decrypts (when `token` is a 5-part JWE and `client_keys` is given) and verifies the signature of
// a JWT; returns its claims. A JWE whose content is not a signed JWT is refused.
common::Result<nlohmann::json> VerifySignedJwt(std::string_view token, JwksCache& provider_keys,
                                               const JoseKeySet* client_keys);

// VerifySignedJwt plus the ID token claim checks.
common::Result<nlohmann::json> VerifyIdToken(std::string_view token,
                                             const IdTokenExpectations& expected,
                                             JwksCache& provider_keys,
                                             const JoseKeySet* client_keys);

}  // namespace sealpost::adapters::identity
