// ItemRepository on a SOCI session (SQLite or PostgreSQL): items with their attachments. Lives
// inside one SociUnitOfWork and shares its transaction: not thread-safe.
#pragma once

#include "app/ports/item_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociItemRepository final : public app::ItemRepository {
 public:
  explicit SociItemRepository(soci::session& session) : session_(session) {}

  // The item and all its attachments, or nothing (kConflict on a duplicate id).
  common::Result<void> Insert(const domain::Item& item) override;
  common::Result<std::optional<domain::Item>> FindById(const std::string& id) override;
  // Ordered by submitted_at DESC, id DESC. kInvalidArgument when `page.after` is not an item of
  // this sender (a forged or stale cursor).
  common::Result<std::vector<domain::Item>> ListBySender(const std::string& sender_account_id,
                                                         const app::PageRequest& page) override;

 private:
  common::Result<std::vector<domain::Item>> Select(
      const std::string& where_and_order,
      const std::vector<std::pair<std::string, std::string>>& texts,
      const std::vector<std::pair<std::string, long long>>& numbers, const std::string& context);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
