// The checkout page of the built-in sandbox payment provider (demo mode only, PRODUCT §6): where
// a sandbox payment's checkout URL leads. GET /sandbox/checkout/{id} shows the amount and four
// buttons — paid, failed, canceled, expired; POST records the choice through
// app::SandboxCheckout::Settle, which calls the payment's webhook exactly as a real provider
// would, and then sends the browser to the payment's return URL (local paths only). The form
// carries the session's CSRF token, like every form of the site.
// Register only in demo mode. Handlers are stateless and run concurrently.
#pragma once

#include <memory>

#include "app/ports/sandbox_checkout.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct SandboxCheckoutPages {
  WebContext web;
  std::shared_ptr<app::SandboxCheckout> sandbox;
};

// Adds GET and POST /sandbox/checkout/{id}.
void AddSandboxCheckoutPages(Router& router, const SandboxCheckoutPages& pages);

}  // namespace sealpost::http::web
