// private_key_jwt client authentication (OpenID Connect Core §9, RFC 7523): a JWT signed with the
// client's RS256 `sig` key with iss = sub = client_id, aud = the token endpoint, a random jti, iat
// and exp 5 minutes later (itsme refuses longer-lived assertions). Pure function; thread-safe.
#pragma once

#include <string>

#include "adapters/identity/oidc_jose.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::identity {

inline constexpr char kClientAssertionType[] =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// The claims, separately so that tests can check them.
nlohmann::json ClientAssertionClaims(const std::string& client_id,
                                     const std::string& token_endpoint, common::TimePoint now,
                                     common::Random& random);

// kInvalidArgument when `client_keys` has no RSA signing key.
common::Result<std::string> MakeClientAssertion(const std::string& client_id,
                                                const std::string& token_endpoint,
                                                const JoseKeySet& client_keys,
                                                common::TimePoint now, common::Random& random);

}  // namespace sealpost::adapters::identity
