#include "adapters/identity/oidc_private_key_jwt.hpp"

namespace sealpost::adapters::identity {

nlohmann::json ClientAssertionClaims(const std::string& client_id,
                                     const std::string& token_endpoint, common::TimePoint now,
                                     common::Random& random) {
  const auto iat = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return nlohmann::json{{"iss", client_id},
                        {"sub", client_id},
                        {"aud", token_endpoint},
                        {"jti", common::NewToken(random, 16)},
                        {"iat", iat},
                        {"exp", iat + 300}};
}

common::Result<std::string> MakeClientAssertion(const std::string& client_id,
                                                const std::string& token_endpoint,
                                                const JoseKeySet& client_keys,
                                                common::TimePoint now, common::Random& random) {
  const JoseKey* key = client_keys.Find("", "RSA", "sig");
  if (key == nullptr) {
    return common::Fail(
        common::ErrorCode::kInvalidArgument,
        "private_key_jwt needs exactly one RSA key with use \"sig\" in client_private_jwks");
  }
  return SignCompactJws(ClientAssertionClaims(client_id, token_endpoint, now, random), *key,
                        "RS256");
}

}  // namespace sealpost::adapters::identity
