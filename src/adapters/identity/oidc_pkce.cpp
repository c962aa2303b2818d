#include "adapters/identity/oidc_pkce.hpp"

#include "adapters/identity/oidc_jose.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::identity {

std::string NewPkceVerifier(common::Random& random) {
  return JoseBase64UrlEncode(random.Generate(32));
}

std::string PkceS256Challenge(std::string_view verifier) {
  const auto digest = common::Sha256(verifier);
  return JoseBase64UrlEncode(std::span<const std::uint8_t>(digest));
}

}  // namespace sealpost::adapters::identity
