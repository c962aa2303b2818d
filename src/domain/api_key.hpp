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

  bool HasScope(std::string_view scope) const;
};

}  // namespace sealpost::domain
