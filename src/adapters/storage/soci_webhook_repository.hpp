// WebhookRepository on a SOCI session (SQLite or PostgreSQL), tables of migration 0009. Lives
// inside one SociUnitOfWork and shares its transaction: not thread-safe.
#pragma once

#include "app/ports/webhook_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociWebhookRepository final : public app::WebhookRepository {
 public:
  explicit SociWebhookRepository(soci::session& session) : session_(session) {}

  common::Result<void> InsertEndpoint(const app::WebhookEndpoint& endpoint) override;
  common::Result<std::optional<app::WebhookEndpoint>> FindEndpoint(const std::string& id) override;
  common::Result<std::vector<app::WebhookEndpoint>> ActiveEndpoints(
      const std::string& account_id) override;
  common::Result<void> MarkEndpointDeleted(const std::string& id, common::TimePoint at) override;
  common::Result<void> UpdateSecrets(const std::string& id, const std::string& secret,
                                     const std::string& previous_secret,
                                     std::optional<common::TimePoint> previous_until) override;

  common::Result<void> InsertDelivery(const app::WebhookDelivery& delivery) override;
  common::Result<std::optional<app::WebhookDelivery>> FindDelivery(const std::string& id) override;
  common::Result<std::vector<app::WebhookDelivery>> DeliveriesOf(const std::string& endpoint_id,
                                                                 std::size_t limit) override;
  common::Result<std::vector<app::WebhookDelivery>> DueDeliveries(common::TimePoint now,
                                                                  std::size_t limit) override;
  common::Result<void> RecordAttempt(const app::WebhookAttempt& attempt,
                                     std::optional<common::TimePoint> delivered_at,
                                     std::optional<common::TimePoint> next_attempt_at,
                                     std::optional<common::TimePoint> failed_at) override;
  common::Result<std::vector<app::WebhookAttempt>> AttemptsOf(
      const std::string& delivery_id) override;

  common::Result<std::int64_t> Cursor() override;
  common::Result<void> MoveCursor(std::int64_t expected, std::int64_t to) override;
  common::Result<std::vector<app::WebhookSourceEvidence>> EvidenceAfter(std::int64_t after,
                                                                        std::size_t limit) override;

 private:
  common::Result<std::vector<app::WebhookEndpoint>> SelectEndpoints(const std::string& where,
                                                                    const std::string& text,
                                                                    const std::string& context);
  common::Result<std::vector<app::WebhookDelivery>> SelectDeliveries(const std::string& where,
                                                                     long long number,
                                                                     const std::string& text,
                                                                     const std::string& context);
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
