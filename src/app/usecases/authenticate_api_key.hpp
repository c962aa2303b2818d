// AuthenticateApiKey: turns the secret of an "Authorization: Bearer" header into a Caller.
// Unknown, malformed and revoked keys all answer kUnauthenticated with the same message, so that
// the answer says nothing about which keys exist. Thread-safe.
#pragma once

#include <string_view>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class AuthenticateApiKey {
 public:
  AuthenticateApiKey(Database& database, const common::Clock& clock);
  common::Result<Caller> Execute(std::string_view secret);

 private:
  Database& database_;
  const common::Clock& clock_;
};

}  // namespace sealpost::app
