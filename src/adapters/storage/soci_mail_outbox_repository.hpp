// MailOutboxRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one SociUnitOfWork
// and shares its transaction: not thread-safe.
#pragma once

#include "app/ports/mail_outbox_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociMailOutboxRepository final : public app::MailOutboxRepository {
 public:
  explicit SociMailOutboxRepository(soci::session& session) : session_(session) {}
  common::Result<void> Insert(const app::OutboxMail& mail) override;
  common::Result<std::vector<app::OutboxMail>> Due(common::TimePoint now,
                                                   std::size_t limit) override;
  common::Result<std::optional<app::OutboxMail>> FindById(const std::string& id) override;
  common::Result<void> MarkSent(const std::string& id, common::TimePoint at) override;
  common::Result<void> MarkRetry(const std::string& id, common::TimePoint next_attempt_at,
                                 const std::string& error) override;
  common::Result<void> MarkFailed(const std::string& id, common::TimePoint at,
                                  const std::string& error) override;

 private:
  common::Result<std::vector<app::OutboxMail>> Select(const std::string& where, long long number,
                                                      const std::string& text,
                                                      const std::string& context);
  common::Result<void> Update(const std::string& sql, const std::string& id, long long at,
                              const std::string& error, const std::string& context);
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
