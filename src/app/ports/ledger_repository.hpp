// Persistence of the billing ledger (PRODUCT.md §6): journal entries with their postings, and the
// cached balance of every ledger account, which AppendEntry updates in the same transaction as the
// postings so that it always equals the journal (`sealpost admin check-ledger` verifies it).
// The rules an entry must keep (no negative prepaid balance, credit limits) are the domain's
// (domain/ledger_balances.hpp); the storage's part is to serialise the entries that touch the same
// accounts: LockedBalances holds the balance rows until the UnitOfWork ends, so two concurrent
// debits can never both see the old balance. Use app/ledger.hpp's PostLedgerEntry, which does
// lock → check → append in that order. Used only inside a UnitOfWork.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/ledger_account.hpp"
#include "domain/ledger_balances.hpp"
#include "domain/ledger_entry.hpp"
#include "domain/money.hpp"

namespace sealpost::app {

enum class AppendOutcome {
  kRecorded,         // the entry is new and now recorded
  kAlreadyRecorded,  // the same movement was recorded before (a replay): nothing changed
};

// One posting of an entry to one account, as seen from that account.
struct LedgerMovement {
  std::int64_t sequence = 0;  // increases with every posting recorded; the pagination cursor
  std::string entry_id;
  common::TimePoint at;
  std::string description;
  std::string reference;
  // On the account's normal side: > 0 raises its balance (a top-up on a prepaid balance), < 0
  // lowers it (a delivery debit).
  domain::Cents amount = 0;
};

struct MovementQuery {
  std::optional<std::int64_t> before_sequence;  // the cursor: only movements older than it
  std::size_t limit = 50;
};

// Both views of the balances, for check-ledger: key → balance on the account's normal side.
struct LedgerTotals {
  std::map<std::string, domain::Cents> journal;  // recomputed from every posting
  std::map<std::string, domain::Cents> cached;   // the ledger_balances rows
  // Entries whose postings do not sum to zero (id → the sum); empty in a sound ledger.
  std::map<std::string, domain::Cents> unbalanced_entries;
  std::size_t entry_count = 0;
};

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;
  // Records `entry` and adds its postings to the cached balances. When an entry with the same id
  // exists: the same movement (domain::CheckReplay) → kAlreadyRecorded, nothing written; other
  // postings or reference → kConflict (reason "transfer_id_conflict"). Does not judge the
  // ledger's rules: lock and check first (PostLedgerEntry).
  virtual common::Result<AppendOutcome> AppendEntry(const domain::JournalEntry& entry) = 0;
  // The current balances of `accounts` (0 for one never used), locked until this UnitOfWork
  // commits or rolls back: another UnitOfWork that asks for the same accounts waits. Locks in key
  // order, so two callers cannot deadlock. Call it before anything else reads in this UnitOfWork:
  // on SQLite a transaction that has only read cannot wait for the writer lock (it fails with
  // kUnavailable when another writer holds it).
  virtual common::Result<domain::LedgerBalances> LockedBalances(
      std::span<const domain::LedgerAccount> accounts) = 0;
  // The cached balance of `account` without locking (0 for one never used): for showing it.
  virtual common::Result<domain::Cents> Balance(const domain::LedgerAccount& account) = 0;
  // The movements of `account`, newest first.
  virtual common::Result<std::vector<LedgerMovement>> Movements(
      const domain::LedgerAccount& account, const MovementQuery& query) = 0;
  virtual common::Result<std::optional<domain::JournalEntry>> FindEntry(const std::string& id) = 0;
  // Everything check-ledger compares (reads the whole journal).
  virtual common::Result<LedgerTotals> Totals() = 0;
};

}  // namespace sealpost::app
