#include "adapters/identity/oidc_pkce.hpp"

#include <gtest/gtest.h>

#include "common/random.hpp"

namespace sealpost::adapters::identity {
namespace {

// RFC 7636 Appendix B. (The value "...K1zNjz8BuZKoYIkQk0" that circulates in some write-ups is
// wrong; this one is the RFC's, and sha256sum | base64url agrees.)
TEST(OidcPkce, Rfc7636AppendixBVector) {
  EXPECT_EQ(PkceS256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(OidcPkce, VerifierHasTheRfcShape) {
  common::SecureRandom random;
  const std::string verifier = NewPkceVerifier(random);
  EXPECT_GE(verifier.size(), 43u);
  EXPECT_LE(verifier.size(), 128u);
  for (char c : verifier)
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  EXPECT_NE(verifier, NewPkceVerifier(random));
}

}  // namespace
}  // namespace sealpost::adapters::identity
