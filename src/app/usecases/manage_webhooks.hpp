// ManageWebhooks: what an account does with its webhook endpoints (PRODUCT §7, docs/api.md
// "Webhooks"). Who may do what:
//   - register, delete, rotate the secret: `api-keys` (kManageApiKeys) — a signing secret is a
//     credential like an API key, and a URL decides where the account's evidence events go, so
//     only who manages the account's credentials (a company admin, the holder of a personal
//     account, signed in) changes them; an API key never does, so a leaked key can neither
//     redirect the events nor mint a secret;
//   - list endpoints and their delivery attempts, send a test event, replay a past event: `read`
//     (kRead) — they reveal nothing `read` does not already show (no secret is ever listed) and
//     only send to the endpoint the admin registered, signed with its secret, so an integrator can
//     script them with an API key.
// An endpoint of another account answers kNotFound, like a missing one. Registering and deleting
// are written to the audit log. Thread-safe (stateless besides its references).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "app/webhook_secret_box.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/webhook_url.hpp"

namespace sealpost::app {

struct WebhookSettings {
  domain::WebhookUrlPolicy url_policy;
  std::chrono::seconds rotation_overlap{std::chrono::hours(24)};
  std::size_t max_endpoints_per_account = 10;
  std::size_t deliveries_listed = 50;
};

// An endpoint as shown to its account: never the secret.
struct WebhookEndpointView {
  WebhookEndpoint endpoint;  // secret fields cleared
  bool rotating = false;     // a previous secret still signs
};

struct WebhookWithSecret {
  WebhookEndpointView endpoint;
  std::string secret;  // shown once
  std::optional<common::TimePoint> previous_secret_until;
};

struct WebhookDeliveryWithAttempts {
  WebhookDelivery delivery;
  std::vector<WebhookAttempt> attempts;
};

class ManageWebhooks {
 public:
  ManageWebhooks(Database& database, ContentCipher& cipher, const common::Clock& clock,
                 common::Random& random, WebhookSettings settings);

  common::Result<WebhookWithSecret> Create(const Caller& caller, const std::string& url,
                                           const std::string& description);
  common::Result<std::vector<WebhookEndpointView>> List(const Caller& caller);
  common::Result<void> Delete(const Caller& caller, const std::string& endpoint_id);
  // A new secret; the old one keeps signing (a second v1) for settings.rotation_overlap.
  common::Result<WebhookWithSecret> RotateSecret(const Caller& caller,
                                                 const std::string& endpoint_id);
  // Queues a "Test" event for the endpoint; the sender job sends it like any other.
  common::Result<WebhookDelivery> SendTest(const Caller& caller, const std::string& endpoint_id);
  // Newest first, with their attempts.
  common::Result<std::vector<WebhookDeliveryWithAttempts>> Deliveries(
      const Caller& caller, const std::string& endpoint_id);
  // Queues the same event (same id and body) again as a new delivery.
  common::Result<WebhookDelivery> Replay(const Caller& caller, const std::string& endpoint_id,
                                         const std::string& delivery_id);

 private:
  common::Result<WebhookEndpoint> OwnEndpoint(UnitOfWork& uow, const Caller& caller,
                                              const std::string& endpoint_id);
  WebhookEndpointView View(const WebhookEndpoint& endpoint) const;
  std::string NewSecret();

  Database& database_;
  WebhookSecretBox secrets_;
  const common::Clock& clock_;
  common::Random& random_;
  const WebhookSettings settings_;
};

}  // namespace sealpost::app
