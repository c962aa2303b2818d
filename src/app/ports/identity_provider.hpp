// IdentityProvider: signs a person in through an external identity provider (itsme, the federal eID
// login, the built-in demo provider, any OpenID Connect provider) with the authorization code flow.
// One code path for all of them: a provider is configuration. Thread-safe.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

// Who signed in, as stated by a verified ID token (and userinfo) — never by the browser.
struct VerifiedIdentity {
  std::string provider_id;  // configuration id, e.g. "itsme", "demo"
  std::string issuer;
  std::string subject;
  std::string
      national_number;  // 11 digits, check digits verified; empty when the provider gave none
  std::string given_names;
  std::string family_name;
  std::string email;
  std::string acr;  // as the provider stated it
  std::string
      assurance_level;  // eIDAS LoA URI mapped from acr, e.g. http://eidas.europa.eu/LoA/high
  common::TimePoint authentication_time;
};

// What the browser is sent to, and what must be kept (server-side, in the pre-sign-in session) to
// complete the flow: state, nonce and the PKCE verifier are single-use secrets.
struct PendingSignIn {
  std::string provider_id;
  std::string authorization_url;
  std::string state;
  std::string nonce;
  std::string code_verifier;
  std::string redirect_uri;
  common::TimePoint started_at;
};

class IdentityProvider {
 public:
  virtual ~IdentityProvider() = default;
  virtual const std::string& Id() const = 0;
  virtual const std::string& DisplayName() const = 0;
  virtual common::Result<PendingSignIn> BeginSignIn(const std::string& redirect_uri) = 0;
  // Exchanges `code`, verifies the ID token against `pending` (nonce, audience, issuer, signature,
  // expiry, acr) and returns the identity. kUnauthenticated for anything forged, expired, replayed
  // or below the required level, with a message fit for the user.
  virtual common::Result<VerifiedIdentity> CompleteSignIn(const std::string& code,
                                                          const PendingSignIn& pending) = 0;
};

}  // namespace sealpost::app
