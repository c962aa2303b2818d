// AuthenticateApiKey: turns the secret of an "Authorization: Bearer" header into a Caller.
// Unknown, malformed and revoked keys all answer kUnauthenticated with the same message, so that
// the answer says nothing about which keys exist. A key's last use (shown to its owner) is
// recorded at most once per kLastUseResolution, so that a busy key does not cost a write per
// request. Thread-safe.
#pragma once

#include <chrono>
#include <string_view>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class AuthenticateApiKey {
 public:
  static constexpr std::chrono::minutes kLastUseResolution{1};

  AuthenticateApiKey(Database& database, const common::Clock& clock);
  common::Result<Caller> Execute(std::string_view secret);

 private:
  Database& database_;
  const common::Clock& clock_;
};

}  // namespace sealpost::app
