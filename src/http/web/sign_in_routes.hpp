// Sign-in and sign-out in the browser (PRODUCT.md §2): the authorization-code round trip with any
// configured identity provider, the session cookie, and a minimal home page that shows who is
// signed in. The full web application (templates, languages) replaces the pages; the flow stays.
// Handlers are stateless and run concurrently.
#pragma once

#include <string>
#include <vector>

#include "app/ports/identity_provider.hpp"
#include "app/usecases/session_service.hpp"
#include "http/router.hpp"

namespace sealpost::http::web {

struct SignInRoutes {
  app::SessionService& sessions;
  std::vector<app::IdentityProvider*> providers;
  std::string public_base_url;  // e.g. http://localhost:8080 — redirect URIs are built from it
  bool demo = false;            // marks every page
};

void AddSignInRoutes(Router& router, const SignInRoutes& routes);

}  // namespace sealpost::http::web
