// The composition of webhooks (PRODUCT §7): the curl transport with the configured address policy,
// the management use case behind /api/v1/webhooks, and the two jobs — "fan-out-webhooks" (new
// evidence → deliveries, every second) and "send-webhooks" (due deliveries → HTTP, every
// [webhooks] send_interval_seconds). Kept apart from application.cpp so that the composition root
// gains one call. Not thread-safe to set up; the parts it returns are.
#pragma once

#include <memory>
#include <string>

#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "app/usecases/fan_out_webhook_events.hpp"
#include "app/usecases/manage_webhooks.hpp"
#include "app/usecases/send_webhook_deliveries.hpp"
#include "http/request_authentication.hpp"
#include "http/router.hpp"
#include "jobs/scheduler.hpp"
#include "main/config.hpp"

namespace sealpost::main {

struct WebhookParts {
  std::unique_ptr<app::WebhookTransport> transport;
  std::unique_ptr<app::ManageWebhooks> manage;
  std::unique_ptr<app::FanOutWebhookEvents> fan_out;
  std::unique_ptr<app::SendWebhookDeliveries> send;
};

// Adds the routes to `router` and the jobs to `scheduler` (before it starts). Everything passed
// must outlive the returned parts, and the parts must outlive the router's server and the
// scheduler's thread.
std::unique_ptr<WebhookParts> SetUpWebhooks(const Config& config, app::Database& database,
                                            app::ContentCipher& cipher, const common::Clock& clock,
                                            common::Random& random,
                                            const std::string& public_base_url,
                                            http::RequestAuthenticator authenticator,
                                            http::Router& router, jobs::Scheduler& scheduler);

}  // namespace sealpost::main
