#include "adapters/storage/soci_ledger_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

using common::ErrorCode;
using common::Fail;
using domain::Cents;

// A posting's signed amount (debit > 0) as a change of the balance on the account's normal side.
Cents OnNormalSide(domain::LedgerAccountKind kind, Cents signed_amount) {
  return domain::NormalSideOf(kind) == domain::NormalSide::kDebit ? signed_amount : -signed_amount;
}

// The normal-side value of a sum of postings under a stored key; a key that does not parse (never
// written by this code) is reported on the debit side.
Cents OnNormalSide(const std::string& key, Cents signed_sum) {
  auto account = domain::LedgerAccount::FromKey(key);
  return account ? OnNormalSide(account->kind, signed_sum) : signed_sum;
}

bool IsPostgresql(soci::session& session) { return session.get_backend_name() == "postgresql"; }

// Creates the balance row of `key` with 0 when missing. On SQLite this write also takes the writer
// lock (see the header).
void EnsureBalanceRow(soci::session& session, const std::string& key, long long at) {
  session << "INSERT INTO ledger_balances (account_key, balance_cents, updated_at) "
             "VALUES (:key, 0, :at) ON CONFLICT (account_key) DO NOTHING",
      soci::use(key, "key"), soci::use(at, "at");
}

std::optional<domain::JournalEntry> LoadEntry(soci::session& session, const std::string& id,
                                              common::Result<void>& error) {
  std::string description;
  std::string reference;
  long long at = 0;
  soci::indicator found = soci::i_null;
  session << "SELECT at, description, reference FROM ledger_entries WHERE id = :id",
      soci::into(at, found), soci::into(description), soci::into(reference), soci::use(id, "id");
  if (!session.got_data()) return std::nullopt;
  std::vector<domain::Posting> postings;
  std::string key;
  long long amount = 0;
  soci::statement st = (session.prepare << "SELECT account_key, amount_cents FROM ledger_postings "
                                           "WHERE entry_id = :id ORDER BY position",
                        soci::into(key), soci::into(amount), soci::use(id, "id"));
  if (st.execute(true)) {
    do {
      auto account = domain::LedgerAccount::FromKey(key);
      if (!account) {
        error = Fail(ErrorCode::kInternal, "ledger entry " + id + " has an unknown account key");
        return std::nullopt;
      }
      postings.push_back({std::move(*account), amount});
    } while (st.fetch());
  }
  auto entry =
      domain::JournalEntry::Create(id, FromMicros(at), description, reference, std::move(postings));
  if (!entry) {
    error = Fail(ErrorCode::kInternal, "ledger entry " + id + " as stored is not valid");
    return std::nullopt;
  }
  return std::move(*entry);
}

}  // namespace

common::Result<app::AppendOutcome> SociLedgerRepository::AppendEntry(
    const domain::JournalEntry& entry) {
  app::AppendOutcome outcome = app::AppendOutcome::kRecorded;
  auto written = WithSavepoint(session_, "append ledger entry", [&]() -> common::Result<void> {
    common::Result<void> load_error;
    auto recorded = LoadEntry(session_, entry.id(), load_error);
    if (!load_error) return load_error;
    if (recorded) {
      if (auto same = domain::CheckReplay(entry, *recorded); !same) return same;
      outcome = app::AppendOutcome::kAlreadyRecorded;
      return common::Ok();
    }
    const long long at = ToMicros(entry.at());
    session_ << "INSERT INTO ledger_entries (id, at, description, reference) "
                "VALUES (:id, :at, :description, :reference)",
        soci::use(entry.id(), "id"), soci::use(at, "at"),
        soci::use(entry.description(), "description"), soci::use(entry.reference(), "reference");
    int position = 0;
    for (const auto& posting : entry.postings()) {
      const std::string key = posting.account.Key();
      const long long amount = posting.amount;
      session_ << "INSERT INTO ledger_postings (entry_id, position, account_key, amount_cents) "
                  "VALUES (:entry_id, :position, :key, :amount)",
          soci::use(entry.id(), "entry_id"), soci::use(position, "position"), soci::use(key, "key"),
          soci::use(amount, "amount");
      ++position;
      EnsureBalanceRow(session_, key, at);
      const long long change = OnNormalSide(posting.account.kind, posting.amount);
      session_ << "UPDATE ledger_balances SET balance_cents = balance_cents + :change, "
                  "updated_at = :at WHERE account_key = :key",
          soci::use(change, "change"), soci::use(at, "at"), soci::use(key, "key");
    }
    return common::Ok();
  });
  if (!written) return Fail(std::move(written.error()));
  return outcome;
}

common::Result<domain::LedgerBalances> SociLedgerRepository::LockedBalances(
    std::span<const domain::LedgerAccount> accounts) {
  domain::LedgerBalances balances;
  auto read = WithSavepoint(session_, "lock ledger balances", [&]() -> common::Result<void> {
    std::set<std::string> keys;  // sorted: every caller locks in the same order
    for (const auto& account : accounts) keys.insert(account.Key());
    const std::string lock = IsPostgresql(session_) ? " FOR UPDATE" : "";
    const long long now = 0;  // a row made here only to be locked carries no update time yet
    for (const auto& key : keys) {
      EnsureBalanceRow(session_, key, now);
      long long balance = 0;
      session_ << "SELECT balance_cents FROM ledger_balances WHERE account_key = :key" + lock,
          soci::into(balance), soci::use(key, "key");
      auto account = domain::LedgerAccount::FromKey(key);
      if (!account) return Fail(ErrorCode::kInternal, "unknown ledger account key");
      balances.Set(*account, balance);
    }
    return common::Ok();
  });
  if (!read) return Fail(std::move(read.error()));
  return balances;
}

common::Result<Cents> SociLedgerRepository::Balance(const domain::LedgerAccount& account) {
  return Guarded("read ledger balance", [&]() -> common::Result<Cents> {
    long long balance = 0;
    const std::string key = account.Key();
    session_ << "SELECT balance_cents FROM ledger_balances WHERE account_key = :key",
        soci::into(balance), soci::use(key, "key");
    return session_.got_data() ? balance : 0;
  });
}

common::Result<std::vector<app::LedgerMovement>> SociLedgerRepository::Movements(
    const domain::LedgerAccount& account, const app::MovementQuery& query) {
  return Guarded(
      "list ledger movements", [&]() -> common::Result<std::vector<app::LedgerMovement>> {
        const std::string key = account.Key();
        const long long before = query.before_sequence.value_or(0);
        const int limit = static_cast<int>(std::min<std::size_t>(query.limit, 100000));
        app::LedgerMovement row;
        long long sequence = 0;
        long long at = 0;
        long long amount = 0;
        soci::statement st(session_);
        st.exchange(soci::into(sequence));
        st.exchange(soci::into(row.entry_id));
        st.exchange(soci::into(at));
        st.exchange(soci::into(row.description));
        st.exchange(soci::into(row.reference));
        st.exchange(soci::into(amount));
        st.exchange(soci::use(key, "key"));
        if (query.before_sequence) st.exchange(soci::use(before, "before"));
        st.exchange(soci::use(limit, "limit"));
        st.alloc();
        st.prepare(std::string("SELECT p.seq, p.entry_id, e.at, e.description, e.reference, "
                               "p.amount_cents FROM ledger_postings p JOIN ledger_entries e ON "
                               "e.id = p.entry_id WHERE p.account_key = :key") +
                   (query.before_sequence ? " AND p.seq < :before" : "") +
                   " ORDER BY p.seq DESC LIMIT :limit");
        st.define_and_bind();
        std::vector<app::LedgerMovement> out;
        if (!st.execute(true)) return out;
        do {
          app::LedgerMovement m = row;
          m.sequence = sequence;
          m.at = FromMicros(at);
          m.amount = OnNormalSide(account.kind, amount);
          out.push_back(std::move(m));
        } while (st.fetch());
        return out;
      });
}

common::Result<std::optional<domain::JournalEntry>> SociLedgerRepository::FindEntry(
    const std::string& id) {
  return Guarded("find ledger entry", [&]() -> common::Result<std::optional<domain::JournalEntry>> {
    common::Result<void> error;
    auto entry = LoadEntry(session_, id, error);
    if (!error) return Fail(std::move(error.error()));
    return entry;
  });
}

common::Result<app::LedgerTotals> SociLedgerRepository::Totals() {
  return Guarded("read ledger totals", [&]() -> common::Result<app::LedgerTotals> {
    app::LedgerTotals totals;
    std::string key;
    long long sum = 0;
    {
      soci::statement st =
          (session_.prepare << "SELECT account_key, CAST(SUM(amount_cents) AS BIGINT) FROM "
                               "ledger_postings GROUP BY account_key",
           soci::into(key), soci::into(sum));
      if (st.execute(true)) {
        do {
          totals.journal[key] = OnNormalSide(key, sum);
        } while (st.fetch());
      }
    }
    {
      soci::statement st = (session_.prepare << "SELECT account_key, balance_cents FROM "
                                                "ledger_balances",
                            soci::into(key), soci::into(sum));
      if (st.execute(true)) {
        do {
          totals.cached[key] = sum;
        } while (st.fetch());
      }
    }
    {
      soci::statement st =
          (session_.prepare << "SELECT e.id, CAST(COALESCE(SUM(p.amount_cents), 0) AS BIGINT) "
                               "FROM ledger_entries e LEFT JOIN ledger_postings p ON "
                               "p.entry_id = e.id GROUP BY e.id HAVING COUNT(p.seq) < 2 OR "
                               "COALESCE(SUM(p.amount_cents), 0) <> 0",
           soci::into(key), soci::into(sum));
      if (st.execute(true)) {
        do {
          totals.unbalanced_entries[key] = sum;
        } while (st.fetch());
      }
    }
    long long count = 0;
    session_ << "SELECT COUNT(*) FROM ledger_entries", soci::into(count);
    totals.entry_count = static_cast<std::size_t>(count);
    return totals;
  });
}

}  // namespace sealpost::adapters::storage
