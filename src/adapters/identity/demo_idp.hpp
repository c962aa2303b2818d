// DemoIdentityProvider: the built-in demo OpenID Provider (authorization code flow with PKCE S256,
// RS256 ID tokens signed with cjose, client_secret_basic / client_secret_post), served by sealpost
// itself under /demo-idp/ in demo mode only. Relying parties reach it through the very same generic
// OIDC client as itsme: discovery, the national number claim and the acr use the same names, so a
// provider configuration differs only in its URLs and credentials. Every page it renders says
// that it is a demo and not a real identification.
//
// One registered client, one exact redirect_uri. Authorization requests, codes and access tokens
// live in memory only (a restart signs everybody out of the demo flow, which is harmless).
// Codes: 128-bit random, single use, 60 s, bound to client, redirect_uri, nonce, PKCE challenge and
// citizen; a replayed code also revokes the access token issued for it (RFC 6749 §4.1.2).
// Codes, tokens and the client secret are never logged, and are stored only as SHA-256 digests.
//
// Thread-safety: all endpoints may be called concurrently (one mutex guards the in-memory state).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "adapters/identity/demo_idp_citizens.hpp"
#include "adapters/identity/demo_idp_signing_key.hpp"
#include "app/ports/demo_identity_provider_service.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::identity {

struct DemoIdpConfig {
  // Where browsers and relying parties reach sealpost, e.g. "http://localhost:8080"; the issuer is
  // this + "/demo-idp" (a trailing '/' is ignored).
  std::string public_base_url;
  std::string client_id;
  std::string client_secret;       // secret: never log
  std::string redirect_uri;        // the only one accepted, compared exactly
  std::filesystem::path key_file;  // e.g. DATA/pki/demo-idp-key.pem; generated when missing
};

class DemoIdentityProvider final : public app::DemoIdentityProviderService {
 public:
  static constexpr std::chrono::seconds kCodeLifetime{60};
  static constexpr std::chrono::seconds kIdTokenLifetime{300};
  static constexpr std::chrono::seconds kAccessTokenLifetime{300};
  // How long the chooser page stays usable.
  static constexpr std::chrono::seconds kRequestLifetime{600};
  // Bounds the in-memory state against a flood of unfinished requests.
  static constexpr std::size_t kMaxPending = 10000;
  static constexpr std::string_view kNationalNumberClaim =
      "http://itsme.services/v2/claim/BENationalNumber";
  static constexpr std::string_view kAcrHigh = "http://eidas.europa.eu/LoA/high";

  // Loads or generates the signing key (config.key_file); kInvalidArgument for an incomplete
  // configuration. `clock` and `random` must outlive the provider.
  static common::Result<std::unique_ptr<DemoIdentityProvider>> Create(DemoIdpConfig config,
                                                                      const common::Clock& clock,
                                                                      common::Random& random);
  // The same with a key already at hand (tests: RSA generation is slow).
  static common::Result<std::unique_ptr<DemoIdentityProvider>> Create(DemoIdpConfig config,
                                                                      DemoIdpSigningKey key,
                                                                      const common::Clock& clock,
                                                                      common::Random& random);

  const std::string& issuer() const { return issuer_; }
  const DemoIdpSigningKey& signing_key() const { return key_; }

  app::DemoIdpResponse Discovery() const override;
  app::DemoIdpResponse Jwks() const override;
  app::DemoIdpResponse AuthorizePage(const app::DemoIdpParams& query) override;
  app::DemoIdpResponse Authorize(const app::DemoIdpParams& form) override;
  app::DemoIdpResponse Token(const app::DemoIdpParams& form,
                             std::optional<std::string_view> authorization) override;
  app::DemoIdpResponse UserInfo(std::optional<std::string_view> authorization) override;

 private:
  // A validated authorization request waiting for the tester's choice.
  struct PendingRequest {
    std::string csrf_digest;  // SHA-256 hex of the form's anti-CSRF token
    std::string state;
    std::string nonce;
    std::string code_challenge;
    common::TimePoint expires_at;
  };
  struct IssuedCode {
    std::string nonce;
    std::string code_challenge;
    std::size_t citizen = 0;
    common::TimePoint auth_time;
    common::TimePoint expires_at;
    bool redeemed = false;
    std::string access_token_digest;  // set once redeemed
  };
  struct AccessToken {
    std::size_t citizen = 0;
    common::TimePoint expires_at;
  };

  DemoIdentityProvider(DemoIdpConfig config, DemoIdpSigningKey key, const common::Clock& clock,
                       common::Random& random);

  app::DemoIdpResponse RedirectWithError(const std::string& state, std::string_view error,
                                         std::string_view description) const;
  std::string ClaimsJson(const DemoCitizen& citizen) const;
  void PurgeExpired(common::TimePoint now);  // mutex_ held

  const DemoIdpConfig config_;
  const DemoIdpSigningKey key_;
  const common::Clock& clock_;
  common::Random& random_;
  const std::string issuer_;
  const std::string discovery_json_;
  const std::string jwks_json_;

  std::mutex mutex_;
  std::map<std::string, PendingRequest, std::less<>> requests_;    // by request handle
  std::map<std::string, IssuedCode, std::less<>> codes_;           // by SHA-256 hex of the code
  std::map<std::string, AccessToken, std::less<>> access_tokens_;  // by SHA-256 hex of the token
};

}  // namespace sealpost::adapters::identity
