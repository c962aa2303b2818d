#include "adapters/storage/soci_audit_log_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

constexpr const char* kColumns =
    "SELECT id, at, actor_account_id, actor, account_id, action, details, seq, prev_hash, "
    "entry_hash FROM audit_log WHERE ";

// Runs a SELECT of kColumns + `where_order` with the given bindings and reads every row.
template <typename Bind>
common::Result<std::vector<domain::AuditEntry>> SelectEntries(soci::session& session,
                                                              const std::string& where_order,
                                                              Bind&& bind) {
  domain::AuditEntry row;
  long long at = 0, seq = 0;
  std::string prev_hash, entry_hash;
  soci::indicator seq_ind = soci::i_ok, prev_ind = soci::i_ok, hash_ind = soci::i_ok;
  soci::statement st(session);
  st.exchange(soci::into(row.id));
  st.exchange(soci::into(at));
  st.exchange(soci::into(row.actor_account_id));
  st.exchange(soci::into(row.actor));
  st.exchange(soci::into(row.account_id));
  st.exchange(soci::into(row.action));
  st.exchange(soci::into(row.details_json));
  st.exchange(soci::into(seq, seq_ind));
  st.exchange(soci::into(prev_hash, prev_ind));
  st.exchange(soci::into(entry_hash, hash_ind));
  bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) + where_order);
  st.define_and_bind();
  std::vector<domain::AuditEntry> out;
  if (!st.execute(true)) return out;
  do {
    domain::AuditEntry e = row;
    e.at = FromMicros(at);
    // Entries from before the chain existed have no position (seq 0, no hashes).
    e.seq = seq_ind == soci::i_null ? 0 : seq;
    e.prev_hash = prev_ind == soci::i_null ? std::string() : prev_hash;
    e.entry_hash = hash_ind == soci::i_null ? std::string() : entry_hash;
    out.push_back(std::move(e));
  } while (st.fetch());
  return out;
}

}  // namespace

common::Result<void> SociAuditLogRepository::Append(const domain::AuditEntry& e) {
  return WithSavepoint(session_, "append audit entry", [&]() -> common::Result<void> {
    // Bumping the head first takes its lock: whoever appends next waits until this commits.
    session_ << "UPDATE audit_chain_head SET seq = seq + 1 WHERE id = 1";
    long long seq = 0;
    std::string prev_hash;
    session_ << "SELECT seq, head_hash FROM audit_chain_head WHERE id = 1", soci::into(seq),
        soci::into(prev_hash);
    if (!session_.got_data()) {
      return common::Fail(common::ErrorCode::kInternal, "the audit chain head is missing");
    }
    domain::AuditEntry chained = e;
    if (chained.details_json.empty()) chained.details_json = "{}";
    const std::string entry_hash = domain::AuditEntryHash(chained, seq, prev_hash);
    const long long at = ToMicros(chained.at);
    session_ << "INSERT INTO audit_log (id, at, actor_account_id, actor, account_id, action, "
                "details, seq, prev_hash, entry_hash) VALUES (:id, :at, :actor_account_id, "
                ":actor, :account_id, :action, :details, :seq, :prev_hash, :entry_hash)",
        soci::use(chained.id, "id"), soci::use(at, "at"),
        soci::use(chained.actor_account_id, "actor_account_id"), soci::use(chained.actor, "actor"),
        soci::use(chained.account_id, "account_id"), soci::use(chained.action, "action"),
        soci::use(chained.details_json, "details"), soci::use(seq, "seq"),
        soci::use(prev_hash, "prev_hash"), soci::use(entry_hash, "entry_hash");
    session_ << "UPDATE audit_chain_head SET head_hash = :hash WHERE id = 1",
        soci::use(entry_hash, "hash");
    return common::Ok();
  });
}

common::Result<std::vector<domain::AuditEntry>> SociAuditLogRepository::List(
    const app::AuditQuery& query) {
  return Guarded("list audit log", [&]() -> common::Result<std::vector<domain::AuditEntry>> {
    const long long before = query.before ? ToMicros(*query.before) : 0;
    const int limit = static_cast<int>(query.limit);
    // LIKE with an escaped prefix: '%' and '_' in the filter are literal.
    std::string pattern;
    for (char c : query.action_prefix) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    std::string where = "1 = 1";
    if (!query.account_id.empty()) where += " AND account_id = :account_id";
    if (!query.action_prefix.empty()) where += " AND action LIKE :action ESCAPE '\\'";
    if (query.before) where += " AND at < :before";
    return SelectEntries(session_, where + " ORDER BY at DESC, id DESC LIMIT :limit",
                         [&](soci::statement& st) {
                           if (!query.account_id.empty()) {
                             st.exchange(soci::use(query.account_id, "account_id"));
                           }
                           if (!query.action_prefix.empty()) {
                             st.exchange(soci::use(pattern, "action"));
                           }
                           if (query.before) st.exchange(soci::use(before, "before"));
                           st.exchange(soci::use(limit, "limit"));
                         });
  });
}

common::Result<std::vector<domain::AuditEntry>> SociAuditLogRepository::ListChain(
    std::int64_t after_seq, std::size_t limit) {
  return Guarded("walk audit chain", [&]() -> common::Result<std::vector<domain::AuditEntry>> {
    const long long after = after_seq;
    const long long max_rows = static_cast<long long>(limit);
    return SelectEntries(session_, "seq > :after ORDER BY seq LIMIT :limit",
                         [&](soci::statement& st) {
                           st.exchange(soci::use(after, "after"));
                           st.exchange(soci::use(max_rows, "limit"));
                         });
  });
}

common::Result<app::AuditChainHead> SociAuditLogRepository::ChainHead() {
  return Guarded("read audit chain head", [&]() -> common::Result<app::AuditChainHead> {
    long long seq = 0;
    app::AuditChainHead head;
    session_ << "SELECT seq, head_hash FROM audit_chain_head WHERE id = 1", soci::into(seq),
        soci::into(head.hash);
    if (!session_.got_data()) {
      return common::Fail(common::ErrorCode::kInternal, "the audit chain head is missing");
    }
    head.seq = seq;
    return head;
  });
}

}  // namespace sealpost::adapters::storage
