// The /api/v1 routes about the caller's account rather than its items: who am I (and for which
// companies may I act), opening a company account, members and invitations, API keys. Most are
// for a signed-in person (session cookie + X-CSRF-Token); the use cases decide — an API key gets
// 403 where only a person may act. Handlers are stateless and run concurrently.
#pragma once

#include "app/usecases/company_accounts.hpp"
#include "app/usecases/manage_api_keys.hpp"
#include "app/usecases/manage_members.hpp"
#include "app/usecases/session_service.hpp"
#include "http/request_authentication.hpp"
#include "http/router.hpp"

namespace sealpost::http::api {

struct AccountRoutes {
  RequestAuthenticator authenticator;
  app::SessionService& sessions;
  app::CompanyAccounts& companies;
  app::ManageMembers& members;
  app::ManageApiKeys& api_keys;
  const common::Clock& clock;  // an invitation's status depends on the time
};

void AddAccountRoutes(Router& router, const AccountRoutes& routes);

}  // namespace sealpost::http::api
