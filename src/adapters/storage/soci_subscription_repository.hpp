// SubscriptionRepository on a SOCI session (SQLite or PostgreSQL): the request in one row, its
// representatives and documents in their own tables (migrations/*/0010_subscriptions.sql).
// Lives inside one SociUnitOfWork and shares its session and transaction: not thread-safe.
#pragma once

#include "app/ports/subscription_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociSubscriptionRepository final : public app::SubscriptionRepository {
 public:
  explicit SociSubscriptionRepository(soci::session& session) : session_(session) {}

  common::Result<void> Insert(const app::SubscriptionRecord& record) override;
  common::Result<void> Update(const app::SubscriptionRecord& record,
                              common::TimePoint read_updated_at) override;
  common::Result<std::optional<app::SubscriptionRecord>> FindById(const std::string& id) override;
  common::Result<std::optional<app::SubscriptionRecord>> FindByCompany(
      const std::string& company_account_id) override;
  common::Result<std::vector<app::SubscriptionRecord>> ListByStates(
      std::span<const domain::SubscriptionState> states) override;
  common::Result<void> AddDocument(const std::string& request_id,
                                   const domain::SubscriptionDocument& document,
                                   const app::SubscriptionDocumentBlob& blob) override;
  common::Result<void> RemoveDocument(const std::string& request_id,
                                      const std::string& document_id) override;
  common::Result<std::optional<app::SubscriptionDocumentBlob>> FindDocumentBlob(
      const std::string& request_id, const std::string& document_id) override;

 private:
  common::Result<std::vector<app::SubscriptionRecord>> Select(const std::string& where,
                                                              const std::string& value,
                                                              const std::string& context);
  void WriteRepresentatives(const domain::SubscriptionRequest& request);
  void ReadDetails(app::SubscriptionRecord& record);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
