// SessionRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one SociUnitOfWork and
// shares its transaction: not thread-safe.
#pragma once

#include "app/ports/session_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociSessionRepository final : public app::SessionRepository {
 public:
  explicit SociSessionRepository(soci::session& session) : session_(session) {}

  common::Result<void> Insert(const domain::Session& session) override;
  common::Result<std::optional<domain::Session>> FindByIdHash(const std::string& id_hash) override;
  common::Result<void> Update(const domain::Session& session) override;
  common::Result<void> Touch(const std::string& id_hash, common::TimePoint at) override;
  common::Result<void> Delete(const std::string& id_hash) override;
  common::Result<std::int64_t> DeleteExpired(common::TimePoint now) override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
