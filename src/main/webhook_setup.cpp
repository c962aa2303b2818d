#include "main/webhook_setup.hpp"

#include "adapters/webhook/curl_webhook_transport.hpp"
#include "http/api/webhook_routes.hpp"

namespace sealpost::main {

std::unique_ptr<WebhookParts> SetUpWebhooks(const Config& config, app::Database& database,
                                            app::ContentCipher& cipher, const common::Clock& clock,
                                            common::Random& random,
                                            const std::string& public_base_url,
                                            http::RequestAuthenticator authenticator,
                                            http::Router& router, jobs::Scheduler& scheduler) {
  const WebhookConfig& c = config.webhooks;
  domain::WebhookUrlPolicy policy;
  policy.allow_http_loopback = c.allow_http_loopback.value_or(config.demo);
  policy.allowed_hosts = c.allowed_hosts;

  auto parts = std::make_unique<WebhookParts>();
  adapters::webhook::WebhookTransportSettings transport;
  transport.url_policy = policy;
  transport.timeout = std::chrono::seconds(c.timeout_seconds);
  transport.connect_timeout = std::min(transport.timeout, std::chrono::seconds(5));
  parts->transport = std::make_unique<adapters::webhook::CurlWebhookTransport>(transport);

  app::WebhookSettings settings;
  settings.url_policy = policy;
  settings.rotation_overlap = std::chrono::hours(c.rotation_overlap_hours);
  parts->manage = std::make_unique<app::ManageWebhooks>(database, cipher, clock, random, settings);
  parts->fan_out =
      std::make_unique<app::FanOutWebhookEvents>(database, clock, random, public_base_url);
  app::SendWebhooksSettings sending;
  sending.backoff.base = std::chrono::seconds(c.backoff_base_seconds);
  sending.backoff.max_delay =
      std::chrono::seconds(std::max(c.max_backoff_seconds, c.backoff_base_seconds));
  sending.backoff.give_up_after = std::chrono::hours(c.give_up_after_hours);
  parts->send = std::make_unique<app::SendWebhookDeliveries>(database, cipher, *parts->transport,
                                                             clock, random, sending);

  http::api::AddWebhookRoutes(router, {authenticator, *parts->manage});
  app::FanOutWebhookEvents* fan_out = parts->fan_out.get();
  scheduler.Every("fan-out-webhooks", std::chrono::seconds(1), [fan_out]() -> common::Result<void> {
    auto done = fan_out->RunOnce();
    if (!done) return common::Fail(done.error());
    return common::Ok();
  });
  app::SendWebhookDeliveries* send = parts->send.get();
  scheduler.Every("send-webhooks", std::chrono::seconds(c.send_interval_seconds),
                  [send]() -> common::Result<void> {
                    auto done = send->RunOnce();
                    if (!done) return common::Fail(done.error());
                    return common::Ok();
                  });
  return parts;
}

}  // namespace sealpost::main
