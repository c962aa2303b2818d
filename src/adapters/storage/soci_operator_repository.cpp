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

}  // namespace sealpost::adapters::storage
