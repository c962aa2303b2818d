// The public pages and sign-in in the browser (PRODUCT.md §2): the home page, the sign-in page,
// the authorization-code round trip with any configured identity provider, and sign-out. Sign-in
// starts from a form (POST with the CSRF token of an anonymous session), so another site cannot
// start a sign-in in the visitor's browser; the session id changes when it completes. Handlers
// are stateless and run concurrently.
#pragma once

#include <cstdint>
#include <vector>

#include "app/ports/identity_provider.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

// Where to go after signing in, kept in a short-lived cookie during the round trip.
inline constexpr std::string_view kReturnCookie = "sealpost_return";

struct SignInRoutes {
  WebContext web;
  std::vector<app::IdentityProvider*> providers;
  std::int64_t price_cents = 0;  // shown on the home page, per recipient, excluding VAT
  int acceptance_days = 15;      // the recipient's time to decide, shown on the home page
};

void AddSignInRoutes(Router& router, const SignInRoutes& routes);

}  // namespace sealpost::http::web
