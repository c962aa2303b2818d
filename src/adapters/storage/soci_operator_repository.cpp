#include "adapters/storage/soci_operator_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociOperatorRepository::Grant(const app::OperatorGrant& grant) {
  return WithSavepoint(session_, "grant operator", [&]() -> common::Result<void> {
    int count = 0;
    session_ << "SELECT COUNT(*) FROM operators WHERE account_id = :id", soci::into(count),
        soci::use(grant.account_id, "id");
    if (count > 0) return common::Ok();
    const long long granted_at = ToMicros(grant.granted_at);
    session_ << "INSERT INTO operators (account_id, granted_at, granted_by) VALUES (:id, :at, :by)",
        soci::use(grant.account_id, "id"), soci::use(granted_at, "at"),
        soci::use(grant.granted_by, "by");
    return common::Ok();
  });
}

common::Result<void> SociOperatorRepository::Revoke(const std::string& account_id) {
  return WithSavepoint(session_, "revoke operator", [&]() -> common::Result<void> {
    soci::statement del = (session_.prepare << "DELETE FROM operators WHERE account_id = :id",
                           soci::use(account_id, "id"));
    del.execute(true);
    if (del.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "not an operator");
    return common::Ok();
  });
}

common::Result<bool> SociOperatorRepository::IsOperator(const std::string& account_id) {
  return Guarded("check operator", [&]() -> common::Result<bool> {
    int count = 0;
    session_ << "SELECT COUNT(*) FROM operators WHERE account_id = :id", soci::into(count),
        soci::use(account_id, "id");
    return count > 0;
  });
}

common::Result<std::vector<app::OperatorGrant>> SociOperatorRepository::List() {
  return Guarded("list operators", [&]() -> common::Result<std::vector<app::OperatorGrant>> {
    app::OperatorGrant row;
    long long granted_at = 0;
    soci::statement st =
        (session_.prepare << "SELECT account_id, granted_at, granted_by FROM operators "
                             "ORDER BY granted_at, account_id",
         soci::into(row.account_id), soci::into(granted_at), soci::into(row.granted_by));
    std::vector<app::OperatorGrant> out;
    if (!st.execute(true)) return out;
    do {
      row.granted_at = FromMicros(granted_at);
      out.push_back(row);
    } while (st.fetch());
    return out;
  });
}

common::Result<void> SociAuditLogRepository::Append(const domain::AuditEntry& e) {
  return WithSavepoint(session_, "append audit entry", [&]() -> common::Result<void> {
    const long long at = ToMicros(e.at);
    const std::string details = e.details_json.empty() ? "{}" : e.details_json;
    session_ << "INSERT INTO audit_log (id, at, actor_account_id, actor, account_id, action, "
                "details) VALUES (:id, :at, :actor_account_id, :actor, :account_id, :action, "
                ":details)",
        soci::use(e.id, "id"), soci::use(at, "at"),
        soci::use(e.actor_account_id, "actor_account_id"), soci::use(e.actor, "actor"),
        soci::use(e.account_id, "account_id"), soci::use(e.action, "action"),
        soci::use(details, "details");
    return common::Ok();
  });
}

common::Result<std::vector<domain::AuditEntry>> SociAuditLogRepository::List(
    const app::AuditQuery& query) {
  return Guarded("list audit log", [&]() -> common::Result<std::vector<domain::AuditEntry>> {
    domain::AuditEntry row;
    long long at = 0;
    const long long before = query.before ? ToMicros(*query.before) : 0;
    const int limit = static_cast<int>(query.limit);
    std::string where = "1 = 1";
    if (!query.account_id.empty()) where += " AND account_id = :account_id";
    if (query.before) where += " AND at < :before";
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(at));
    st.exchange(soci::into(row.actor_account_id));
    st.exchange(soci::into(row.actor));
    st.exchange(soci::into(row.account_id));
    st.exchange(soci::into(row.action));
    st.exchange(soci::into(row.details_json));
    if (!query.account_id.empty()) st.exchange(soci::use(query.account_id, "account_id"));
    if (query.before) st.exchange(soci::use(before, "before"));
    st.exchange(soci::use(limit, "limit"));
    st.alloc();
    st.prepare(
        "SELECT id, at, actor_account_id, actor, account_id, action, details FROM audit_log "
        "WHERE " +
        where + " ORDER BY at DESC, id DESC LIMIT :limit");
    st.define_and_bind();
    std::vector<domain::AuditEntry> out;
    if (!st.execute(true)) return out;
    do {
      domain::AuditEntry e = row;
      e.at = FromMicros(at);
      out.push_back(std::move(e));
    } while (st.fetch());
    return out;
  });
}

}  // namespace sealpost::adapters::storage
