// OidcProviderConfig: everything that distinguishes one OpenID Connect provider from another
// (itsme, the federal eID login FAS, the built-in demo provider, any generic provider). There is
// one code path (OidcClient); a provider is this configuration. Plain values; thread-safe once
// built.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace sealpost::adapters::identity {

inline constexpr char kLoaLow[] = "http://eidas.europa.eu/LoA/low";
inline constexpr char kLoaSubstantial[] = "http://eidas.europa.eu/LoA/substantial";
inline constexpr char kLoaHigh[] = "http://eidas.europa.eu/LoA/high";
inline constexpr char kItsmeNationalNumberClaim[] =
    "http://itsme.services/v2/claim/BENationalNumber";
inline constexpr char kItsmeAcrBasic[] = "http://itsme.services/v2/claim/acr_basic";
inline constexpr char kItsmeAcrAdvanced[] = "http://itsme.services/v2/claim/acr_advanced";

enum class ClientAuthMethod { kPrivateKeyJwt, kClientSecretBasic, kClientSecretPost };

// "private_key_jwt", "client_secret_basic", "client_secret_post" (the registration names).
common::Result<ClientAuthMethod> ParseClientAuthMethod(std::string_view name);

struct AcrLevel {
  std::string acr;    // as the provider states it in the ID token
  std::string level;  // eIDAS LoA URI (kLoaLow/kLoaSubstantial/kLoaHigh)
};

struct OidcProviderConfig {
  std::string id;            // stable configuration id, e.g. "itsme"
  std::string display_name;  // shown on the sign-in page
  std::string issuer;        // discovery at issuer + "/.well-known/openid-configuration"
  std::string client_id;
  ClientAuthMethod client_auth = ClientAuthMethod::kClientSecretBasic;
  std::string client_secret;  // client_secret_basic/post only
  std::string
      client_private_jwks;  // JWKS JSON with private RSA keys: one use "sig" (private_key_jwt),
                            // one use "enc" (to decrypt encrypted ID tokens / userinfo)
  std::string scopes = "openid profile";
  std::string acr_values;  // sent as acr_values when not empty
  std::string required_level = kLoaHigh;
  std::vector<AcrLevel> acr_levels;  // acr → LoA; an acr not listed is refused
  std::string national_number_claim = kItsmeNationalNumberClaim;
  bool national_number_required = true;  // refuse a sign-in without a (valid) national number
  std::string given_name_claim = "given_name";
  std::string family_name_claim = "family_name";
  std::string email_claim = "email";
  bool request_claims_parameter = false;  // ask for the claims above with the `claims` parameter
  bool call_userinfo =
      false;  // always call userinfo; otherwise only when the ID token lacks claims
  std::chrono::milliseconds http_timeout{10000};
  bool allow_http_issuer = false;  // plain http only for loopback issuers (tests, demo)
  std::chrono::seconds metadata_ttl{3600};
  std::chrono::seconds jwks_min_refetch_interval{30};  // unknown kid: refetch at most this often
  std::chrono::seconds clock_skew{60};
  std::chrono::seconds max_pending_age{600};  // a PendingSignIn older than this is refused
};

// kInvalidArgument naming the first wrong field (never echoing a secret).
common::Result<void> ValidateConfig(const OidcProviderConfig& config);

// The eIDAS level for `acr`, or std::nullopt when the configuration does not know it.
std::optional<std::string> LevelForAcr(const OidcProviderConfig& config, std::string_view acr);
// 1 low, 2 substantial, 3 high, 0 unknown: levels compare by rank.
int LevelRank(std::string_view level);

// Presets: the acr tables of the providers we know (the rest of their configuration is deployment).
std::vector<AcrLevel> ItsmeAcrLevels();  // acr_advanced → high, acr_basic → substantial
std::vector<AcrLevel>
FasAcrLevels();  // Level500/Level450 → high, Level400 → substantial, Level100 → low
std::vector<AcrLevel> EidasAcrLevels();  // the eIDAS LoA URIs map to themselves (demo provider)

// True when `url` is http(s) and, for plain http, its host is a loopback address.
bool IsLoopbackHttpUrl(std::string_view url);

}  // namespace sealpost::adapters::identity
