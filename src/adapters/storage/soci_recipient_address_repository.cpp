#include "adapters/storage/soci_recipient_address_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociRecipientAddressRepository::Insert(const domain::RecipientAddress& a) {
  return WithSavepoint(session_, "insert recipient address", [&]() -> common::Result<void> {
    const long long requested_at = ToMicros(a.requested_at);
    const long long expires_at = ToMicros(a.expires_at);
    const std::string email_key = AsciiLower(a.email);
    // New addresses are pending: verification and removal are recorded by their own updates.
    session_ << "INSERT INTO recipient_addresses (id, account_id, email, email_key, token_hash, "
                "requested_by_account_id, requested_by, locale, requested_at, expires_at) VALUES "
                "(:id, :account_id, :email, :email_key, :token_hash, :requested_by_account_id, "
                ":requested_by, :locale, :requested_at, :expires_at)",
        soci::use(a.id, "id"), soci::use(a.account_id, "account_id"), soci::use(a.email, "email"),
        soci::use(email_key, "email_key"), soci::use(a.token_hash, "token_hash"),
        soci::use(a.requested_by_account_id, "requested_by_account_id"),
        soci::use(a.requested_by, "requested_by"), soci::use(a.locale, "locale"),
        soci::use(requested_at, "requested_at"), soci::use(expires_at, "expires_at");
    return common::Ok();
  });
}

common::Result<std::vector<domain::RecipientAddress>> SociRecipientAddressRepository::Select(
    const std::string& where, const std::string& value, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::RecipientAddress>> {
    domain::RecipientAddress row;
    long long requested_at = 0, expires_at = 0, verified_at = 0, removed_at = 0;
    soci::indicator verified_ind = soci::i_ok, removed_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.account_id));
    st.exchange(soci::into(row.email));
    st.exchange(soci::into(row.token_hash));
    st.exchange(soci::into(row.requested_by_account_id));
    st.exchange(soci::into(row.requested_by));
    st.exchange(soci::into(row.locale));
    st.exchange(soci::into(requested_at));
    st.exchange(soci::into(expires_at));
    st.exchange(soci::into(verified_at, verified_ind));
    st.exchange(soci::into(removed_at, removed_ind));
    st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(
        "SELECT id, account_id, email, token_hash, requested_by_account_id, requested_by, locale, "
        "requested_at, expires_at, verified_at, removed_at FROM recipient_addresses WHERE " +
        where);
    st.define_and_bind();
    std::vector<domain::RecipientAddress> out;
    if (!st.execute(true)) return out;
    do {
      domain::RecipientAddress a = row;
      a.requested_at = FromMicros(requested_at);
      a.expires_at = FromMicros(expires_at);
      if (verified_ind != soci::i_null) a.verified_at = FromMicros(verified_at);
      if (removed_ind != soci::i_null) a.removed_at = FromMicros(removed_at);
      out.push_back(std::move(a));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::optional<domain::RecipientAddress>>
SociRecipientAddressRepository::FindByTokenHash(const std::string& hex_hash) {
  auto rows = Select("token_hash = :value", hex_hash, "find recipient address");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<domain::RecipientAddress>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<domain::RecipientAddress>> SociRecipientAddressRepository::ListByAccount(
    const std::string& account_id) {
  return Select("account_id = :value ORDER BY requested_at, id", account_id,
                "list recipient addresses");
}

common::Result<std::vector<std::string>> SociRecipientAddressRepository::AccountsVerifiedAt(
    const std::string& email) {
  return Guarded(
      "find verified recipient addresses", [&]() -> common::Result<std::vector<std::string>> {
        const std::string key = AsciiLower(email);
        std::string account_id;
        soci::statement st =
            (session_.prepare << "SELECT DISTINCT account_id FROM recipient_addresses WHERE "
                                 "email_key = :key AND verified_at IS NOT NULL AND removed_at IS "
                                 "NULL ORDER BY account_id",
             soci::into(account_id), soci::use(key, "key"));
        std::vector<std::string> out;
        if (!st.execute(true)) return out;
        do {
          out.push_back(account_id);
        } while (st.fetch());
        return out;
      });
}

common::Result<void> SociRecipientAddressRepository::MarkVerified(const std::string& id,
                                                                  common::TimePoint at) {
  return WithSavepoint(session_, "verify recipient address", [&]() -> common::Result<void> {
    const long long verified_at = ToMicros(at);
    soci::statement update =
        (session_.prepare << "UPDATE recipient_addresses SET verified_at = :at WHERE id = :id "
                             "AND verified_at IS NULL AND removed_at IS NULL",
         soci::use(verified_at, "at"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      return common::Fail(common::ErrorCode::kConflict,
                          "the address was verified or removed already");
    }
    return common::Ok();
  });
}

common::Result<void> SociRecipientAddressRepository::Remove(const std::string& id,
                                                            const std::string& account_id,
                                                            common::TimePoint at) {
  return WithSavepoint(session_, "remove recipient address", [&]() -> common::Result<void> {
    const long long removed_at = ToMicros(at);
    int count = 0;
    session_ << "SELECT COUNT(*) FROM recipient_addresses WHERE id = :id AND account_id = :account",
        soci::into(count), soci::use(id, "id"), soci::use(account_id, "account");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "address not found");
    session_ << "UPDATE recipient_addresses SET removed_at = :at WHERE id = :id AND removed_at "
                "IS NULL",
        soci::use(removed_at, "at"), soci::use(id, "id");
    return common::Ok();
  });
}

}  // namespace sealpost::adapters::storage
