// PKCE (RFC 7636) with the S256 method only: the verifier is 43 characters of base64url from 32
// random bytes, the challenge BASE64URL(SHA256(ASCII(verifier))). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/random.hpp"

namespace sealpost::adapters::identity {

std::string NewPkceVerifier(common::Random& random);
std::string PkceS256Challenge(std::string_view verifier);

}  // namespace sealpost::adapters::identity
