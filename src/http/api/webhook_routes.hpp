// The /api/v1/webhooks routes (docs/api.md "Webhooks"): register, list and delete endpoints,
// rotate a signing secret, send a test event, list delivery attempts and replay a past event.
// Authentication by API key or session; the use case (app/usecases/manage_webhooks.hpp) decides
// who may do what. Secrets appear only in the answers of create and rotate (Cache-Control:
// no-store). Handlers are stateless and run concurrently.
#pragma once

#include "app/usecases/manage_webhooks.hpp"
#include "http/request_authentication.hpp"
#include "http/router.hpp"

namespace sealpost::http::api {

struct WebhookRoutes {
  RequestAuthenticator authenticator;
  app::ManageWebhooks& webhooks;
};

void AddWebhookRoutes(Router& router, const WebhookRoutes& routes);

}  // namespace sealpost::http::api
