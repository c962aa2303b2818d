// Caller: who is asking, as established by authentication (an API key for now; a web session
// later). Every use case receives the caller and decides what it may see — there is no other
// authorization path.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "domain/account.hpp"

namespace sealpost::app {

struct Caller {
  domain::Account account;
  std::string credential_id;          // the API key id (or session id)
  std::string credential_scopes;      // space-separated scopes of the credential
  std::string authentication_method;  // "api-key"
  common::TimePoint authenticated_at;

  bool HasScope(std::string_view scope) const;
};

}  // namespace sealpost::app
