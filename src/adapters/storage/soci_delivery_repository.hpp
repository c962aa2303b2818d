// DeliveryRepository on a SOCI session (SQLite or PostgreSQL), with optimistic concurrency on
// updates. Lives inside one SociUnitOfWork and shares its transaction: not thread-safe.
#pragma once

#include <utility>

#include "app/ports/item_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociDeliveryRepository final : public app::DeliveryRepository {
 public:
  explicit SociDeliveryRepository(soci::session& session) : session_(session) {}

  // kConflict on a duplicate id or a duplicate (item, position).
  common::Result<void> Insert(const domain::Delivery& delivery) override;
  common::Result<std::optional<domain::Delivery>> FindById(const std::string& id) override;
  // By position.
  common::Result<std::vector<domain::Delivery>> ListByItem(const std::string& item_id) override;
  // Newest item first (the item's submitted_at DESC, then delivery id DESC); `page.after` is a
  // delivery id of this inbox, else kInvalidArgument.
  common::Result<std::vector<domain::Delivery>> ListByRecipientAccount(
      const std::string& account_id, const app::PageRequest& page) override;
  // kNotFound when the delivery does not exist, kConflict when its stored version differs.
  common::Result<void> Update(const domain::Delivery& delivery) override;
  // Earliest deadline first.
  common::Result<std::vector<domain::Delivery>> ListDeadlinePassed(common::TimePoint now,
                                                                   std::size_t limit) override;
  common::Result<std::optional<domain::Delivery>> FindByLinkTokenHash(
      const std::string& token_hash) override;
  common::Result<std::vector<domain::Delivery>> ListRemindersDue(common::TimePoint now,
                                                                 std::size_t limit) override;

 private:
  common::Result<std::vector<domain::Delivery>> Select(
      const std::string& from_where_order,
      const std::vector<std::pair<std::string, std::string>>& texts,
      const std::vector<std::pair<std::string, long long>>& numbers, const std::string& context);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
