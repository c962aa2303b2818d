// AuditLogRepository on a SOCI session (SQLite or PostgreSQL): the hash-chained audit log. Append
// first bumps the single audit_chain_head row, which takes its write lock (PostgreSQL: the row
// lock; SQLite: the database's write lock), so concurrent appenders chain one after the other.
// Lives inside one SociUnitOfWork and shares its transaction: not thread-safe.
#pragma once

#include "app/ports/audit_log_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociAuditLogRepository final : public app::AuditLogRepository {
 public:
  explicit SociAuditLogRepository(soci::session& session) : session_(session) {}
  common::Result<void> Append(const domain::AuditEntry& entry) override;
  common::Result<std::vector<domain::AuditEntry>> List(const app::AuditQuery& query) override;
  common::Result<std::vector<domain::AuditEntry>> ListChain(std::int64_t after_seq,
                                                            std::size_t limit) override;
  common::Result<app::AuditChainHead> ChainHead() override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
