// An API key of an account. Only the SHA-256 of the secret is stored; the secret is shown once.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"

namespace sealpost::domain {

struct ApiKey {
  std::string id;  // UUID
  std::string account_id;
  std::string label;
  std::string prefix;       // the first characters of the secret, to recognise a key in lists
  std::string secret_hash;  // hex SHA-256 of the whole secret
  std::string scopes;       // space-separated: "send read inbox"
  common::TimePoint created_at;
  std::optional<common::TimePoint> revoked_at;
  // When the key last authenticated a request; recorded at most once a minute (not per request).
  std::optional<common::TimePoint> last_used_at;

  bool HasScope(std::string_view scope) const;
};

// The scopes a key may carry (PRODUCT §2): submit items, read own items, take over inbox items,
// see billing.
inline constexpr std::string_view kApiKeyScopes[] = {"send", "read", "inbox", "billing"};

// `requested` (space-separated, any order) as the canonical scope string: known scopes only, each
// once, in kApiKeyScopes order. nullopt when it names an unknown scope or none at all.
std::optional<std::string> CanonicalApiKeyScopes(std::string_view requested);

}  // namespace sealpost::domain
