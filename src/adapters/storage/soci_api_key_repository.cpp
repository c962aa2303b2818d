#include "adapters/storage/soci_api_key_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociApiKeyRepository::Insert(const domain::ApiKey& key) {
  return WithSavepoint(session_, "insert api key", [&]() -> common::Result<void> {
    const long long created_at = ToMicros(key.created_at);
    long long revoked_at = key.revoked_at ? ToMicros(*key.revoked_at) : 0;
    soci::indicator revoked_ind = key.revoked_at ? soci::i_ok : soci::i_null;
    long long last_used_at = key.last_used_at ? ToMicros(*key.last_used_at) : 0;
    soci::indicator last_used_ind = key.last_used_at ? soci::i_ok : soci::i_null;
    session_
        << "INSERT INTO api_keys (id, account_id, label, prefix, secret_hash, scopes, created_at, "
           "revoked_at, last_used_at) VALUES (:id, :account_id, :label, :prefix, :secret_hash, "
           ":scopes, :created_at, :revoked_at, :last_used_at)",
        soci::use(key.id, "id"), soci::use(key.account_id, "account_id"),
        soci::use(key.label, "label"), soci::use(key.prefix, "prefix"),
        soci::use(key.secret_hash, "secret_hash"), soci::use(key.scopes, "scopes"),
        soci::use(created_at, "created_at"), soci::use(revoked_at, revoked_ind, "revoked_at"),
        soci::use(last_used_at, last_used_ind, "last_used_at");
    return common::Ok();
  });
}

common::Result<std::vector<domain::ApiKey>> SociApiKeyRepository::Select(
    const std::string& where, const std::string& value, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::ApiKey>> {
    domain::ApiKey row;
    long long created_at = 0, revoked_at = 0, last_used_at = 0;
    soci::indicator revoked_ind = soci::i_ok, last_used_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.account_id));
    st.exchange(soci::into(row.label));
    st.exchange(soci::into(row.prefix));
    st.exchange(soci::into(row.secret_hash));
    st.exchange(soci::into(row.scopes));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(revoked_at, revoked_ind));
    st.exchange(soci::into(last_used_at, last_used_ind));
    st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(
        "SELECT id, account_id, label, prefix, secret_hash, scopes, created_at, revoked_at, "
        "last_used_at FROM api_keys "
        "WHERE " +
        where);
    st.define_and_bind();
    std::vector<domain::ApiKey> keys;
    if (!st.execute(true)) return keys;
    do {
      domain::ApiKey key = row;
      key.created_at = FromMicros(created_at);
      key.revoked_at =
          revoked_ind == soci::i_null ? std::nullopt : std::optional(FromMicros(revoked_at));
      key.last_used_at =
          last_used_ind == soci::i_null ? std::nullopt : std::optional(FromMicros(last_used_at));
      keys.push_back(std::move(key));
    } while (st.fetch());
    return keys;
  });
}

common::Result<std::optional<domain::ApiKey>> SociApiKeyRepository::FindBySecretHash(
    const std::string& hex_hash) {
  auto keys = Select("secret_hash = :value", hex_hash, "find api key");
  if (!keys) return common::Fail(std::move(keys.error()));
  if (keys->empty()) return std::optional<domain::ApiKey>();
  return std::optional(std::move(keys->front()));
}

common::Result<std::vector<domain::ApiKey>> SociApiKeyRepository::ListByAccount(
    const std::string& account_id) {
  return Select("account_id = :value ORDER BY created_at, id", account_id, "list api keys");
}

common::Result<void> SociApiKeyRepository::Revoke(const std::string& key_id,
                                                  const std::string& account_id,
                                                  common::TimePoint at) {
  return WithSavepoint(session_, "revoke api key", [&]() -> common::Result<void> {
    const long long revoked_at = ToMicros(at);
    soci::statement update =
        (session_.prepare << "UPDATE api_keys SET revoked_at = :revoked_at WHERE id = :id "
                             "AND account_id = :account_id AND revoked_at IS NULL",
         soci::use(revoked_at, "revoked_at"), soci::use(key_id, "id"),
         soci::use(account_id, "account_id"));
    update.execute(true);
    if (update.get_affected_rows() > 0) return common::Ok();
    int count = 0;
    session_ << "SELECT COUNT(*) FROM api_keys WHERE id = :id AND account_id = :account_id",
        soci::into(count), soci::use(key_id, "id"), soci::use(account_id, "account_id");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "api key not found");
    return common::Ok();  // revoked already
  });
}

common::Result<void> SociApiKeyRepository::MarkUsed(const std::string& key_id,
                                                    common::TimePoint at) {
  return WithSavepoint(session_, "mark api key used", [&]() -> common::Result<void> {
    const long long used_at = ToMicros(at);
    soci::statement update =
        (session_.prepare << "UPDATE api_keys SET last_used_at = :used_at WHERE id = :id AND "
                             "(last_used_at IS NULL OR last_used_at < :used_at2)",
         soci::use(used_at, "used_at"), soci::use(key_id, "id"), soci::use(used_at, "used_at2"));
    update.execute(true);
    if (update.get_affected_rows() > 0) return common::Ok();
    int count = 0;
    session_ << "SELECT COUNT(*) FROM api_keys WHERE id = :id", soci::into(count),
        soci::use(key_id, "id");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "api key not found");
    return common::Ok();  // a later use is recorded already
  });
}

}  // namespace sealpost::adapters::storage
