// ManageApiKeys: an account holder creates, lists and revokes the API keys of their own account
// (PRODUCT §2: hashed at rest, scoped, revocable, shown once). The secret is "sp_live_" + 32
// random bytes (base64url); only its SHA-256 is stored, so Create is the one moment it exists.
// Lists show the prefix, label, scopes, creation, last use and revocation — never the secret or
// its hash. Keys are managed from a signed-in web session only: an API key that could mint keys
// could widen its own scopes.
//
// Authorization: a signed-in person with the api-keys permission on the account they act for
// (the holder of a personal account, a company admin). Creation and revocation are audited.
//
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/api_key.hpp"

namespace sealpost::app {

struct CreatedApiKey {
  domain::ApiKey key;  // as listed (secret_hash empty)
  std::string secret;  // show it once; it cannot be recovered
};

class ManageApiKeys {
 public:
  static constexpr std::string_view kSecretPrefix = "sp_live_";
  static constexpr std::size_t kShownPrefixLength = 12;  // "sp_live_" and 4 random characters
  static constexpr std::size_t kMaxLabelLength = 100;    // characters (code points)

  ManageApiKeys(Database& database, const common::Clock& clock, common::Random& random);

  // kInvalidArgument for a label that is empty, longer than kMaxLabelLength, not UTF-8 or holds
  // control characters, or for scopes outside domain::kApiKeyScopes (or none).
  // kPermissionDenied for a caller authenticated by an API key or without the api-keys permission.
  common::Result<CreatedApiKey> Create(const Caller& caller, std::string_view label,
                                       std::string_view scopes);
  // Oldest first, revoked keys included.
  common::Result<std::vector<domain::ApiKey>> List(const Caller& caller);
  // kNotFound for an unknown key or another account's key. Revoking twice is fine.
  common::Result<void> Revoke(const Caller& caller, const std::string& key_id);

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
