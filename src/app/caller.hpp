// Caller: who is asking, as established by authentication — an API key, or a person signed in on
// the web acting for their own account or for a company they are a member of. Every use case
// receives the caller and decides what it may see — there is no other authorization path. The
// permissions are already reduced from the key's scopes or the member's roles
// (domain/permission.hpp, domain/membership.hpp). Plain value type.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "domain/account.hpp"
#include "domain/permission.hpp"

namespace sealpost::app {

inline constexpr std::string_view kApiKeyAuthentication = "api-key";

struct Caller {
  domain::Account account;        // the account acted for (personal, or a company)
  std::string person_account_id;  // the identified person (web sessions); empty for API keys
  std::string person_name;        // that person's name as identified; empty for API keys
  std::string credential_id;      // the API key id, or the session id hash
  domain::Permissions permissions;
  std::string authentication_method;  // kApiKeyAuthentication, or the identity provider id
  common::TimePoint authenticated_at;
  bool is_operator = false;  // the signed-in person holds the operator role

  bool Can(domain::Permission permission) const { return permissions.Has(permission); }
  bool ViaApiKey() const { return authentication_method == kApiKeyAuthentication; }
  // The account that acts, for the audit log: the person for sessions, the account for keys.
  const std::string& ActorAccountId() const {
    return person_account_id.empty() ? account.id : person_account_id;
  }
  // How it acts, for the audit log: "api-key:<key id>" or "session:<provider>".
  std::string ActorDescription() const;
};

}  // namespace sealpost::app
