// The API keys page of the account acted for (PRODUCT §2, issue 4 "company admin"): the keys with
// their label, prefix, scopes, creation and last use; a form to create one — its secret is shown
// on the answer page once and never again — and a button to revoke each. Only a signed-in person
// with the api-keys permission (the holder of a personal account, a company admin) gets here; the
// use case decides. Forms carry the session's CSRF token. Stateless; runs concurrently.
#pragma once

#include "app/usecases/manage_api_keys.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct ApiKeyPages {
  WebContext web;
  app::ManageApiKeys& keys;
};

void AddApiKeyPages(Router& router, const ApiKeyPages& pages);

}  // namespace sealpost::http::web
