// NotificationRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one
// SociUnitOfWork and shares its transaction: not thread-safe.
#pragma once

#include "app/ports/notification_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociNotificationRepository final : public app::NotificationRepository {
 public:
  explicit SociNotificationRepository(soci::session& session) : session_(session) {}

  common::Result<std::vector<app::SenderEventNotice>> RecentForSender(
      const std::string& sender_account_id, std::size_t limit) override;
  common::Result<std::optional<common::TimePoint>> SeenAt(const std::string& person_account_id,
                                                          const std::string& account_id) override;
  common::Result<void> MarkSeen(const std::string& person_account_id, const std::string& account_id,
                                common::TimePoint at) override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
