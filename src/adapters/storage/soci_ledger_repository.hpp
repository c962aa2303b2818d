// LedgerRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one SociUnitOfWork and
// shares its transaction: not thread-safe.
//
// How the balance rows are locked: on PostgreSQL with SELECT … FOR UPDATE. On SQLite one writer
// holds the database at a time; the row is first created if missing (INSERT … ON CONFLICT DO
// NOTHING), which is a write and so takes the writer lock (waiting up to busy_timeout) before the
// balance is read — a deferred transaction that only read would otherwise see a stale balance.
#pragma once

#include "app/ports/ledger_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociLedgerRepository final : public app::LedgerRepository {
 public:
  explicit SociLedgerRepository(soci::session& session) : session_(session) {}
  common::Result<app::AppendOutcome> AppendEntry(const domain::JournalEntry& entry) override;
  common::Result<domain::LedgerBalances> LockedBalances(
      std::span<const domain::LedgerAccount> accounts) override;
  common::Result<domain::Cents> Balance(const domain::LedgerAccount& account) override;
  common::Result<std::vector<app::LedgerMovement>> Movements(
      const domain::LedgerAccount& account, const app::MovementQuery& query) override;
  common::Result<std::optional<domain::JournalEntry>> FindEntry(const std::string& id) override;
  common::Result<app::LedgerTotals> Totals() override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
