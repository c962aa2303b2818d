// The signed-in person's pages: the account overview (identity, and which account they act for —
// their own or a company they are a member of) and the invitation link a new member follows.
// Forms post with the session's CSRF token and answer with a redirect (303). Handlers are
// stateless and run concurrently.
#pragma once

#include "app/usecases/accept_invitation.hpp"
#include "app/usecases/company_accounts.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct AccountPages {
  WebContext web;
  app::CompanyAccounts& companies;
  app::AcceptInvitation& invitations;
  // Display names of the identity providers by id ("demo" → "Demo identity provider").
  std::vector<std::pair<std::string, std::string>> provider_names;
};

void AddAccountPages(Router& router, const AccountPages& pages);

}  // namespace sealpost::http::web
