// HTTP mapping of the built-in demo OpenID Provider (app::DemoIdentityProviderService) under
// /demo-idp/: decodes query strings and form bodies, passes the Authorization header through and
// copies the service's plain answer into an HttpResponse. All protocol logic lives in the service.
// Register only in demo mode.
// Thread-safety: the handlers hold a shared_ptr to the service, which is thread-safe itself.
#pragma once

#include <memory>

#include "app/ports/demo_identity_provider_service.hpp"
#include "http/router.hpp"

namespace sealpost::http {

// Adds GET /demo-idp/.well-known/openid-configuration, GET /demo-idp/jwks,
// GET+POST /demo-idp/authorize, POST /demo-idp/token and GET+POST /demo-idp/userinfo.
void AddDemoIdpRoutes(Router& router, std::shared_ptr<app::DemoIdentityProviderService> service);

}  // namespace sealpost::http
