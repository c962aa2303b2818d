#include "adapters/storage/soci_account_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

constexpr const char* kSelect =
    "SELECT id, kind, display_name, given_names, family_name, email, enterprise_number, "
    "national_number, assurance_level, "
    "authentication_method, can_send, created_at FROM accounts WHERE ";

}  // namespace

common::Result<void> SociAccountRepository::Insert(const domain::Account& account) {
  return WithSavepoint(session_, "insert account", [&]() -> common::Result<void> {
    const std::string kind(domain::AccountKindName(account.kind));
    const std::string email_key = AsciiLower(account.email);
    soci::indicator enterprise_ind = account.enterprise_number.empty() ? soci::i_null : soci::i_ok;
    soci::indicator national_ind = account.national_number.empty() ? soci::i_null : soci::i_ok;
    const int can_send = account.can_send ? 1 : 0;
    const long long created_at = ToMicros(account.created_at);
    session_
        << "INSERT INTO accounts (id, kind, display_name, given_names, family_name, email, "
           "email_key, enterprise_number, "
           "national_number, assurance_level, authentication_method, can_send, created_at) VALUES "
           "(:id, :kind, :display_name, :given_names, :family_name, :email, :email_key, "
           ":enterprise_number, :national_number, "
           ":assurance_level, :authentication_method, :can_send, :created_at)",
        soci::use(account.id, "id"), soci::use(kind, "kind"),
        soci::use(account.display_name, "display_name"),
        soci::use(account.given_names, "given_names"),
        soci::use(account.family_name, "family_name"), soci::use(account.email, "email"),
        soci::use(email_key, "email_key"),
        soci::use(account.enterprise_number, enterprise_ind, "enterprise_number"),
        soci::use(account.national_number, national_ind, "national_number"),
        soci::use(account.assurance_level, "assurance_level"),
        soci::use(account.authentication_method, "authentication_method"),
        soci::use(can_send, "can_send"), soci::use(created_at, "created_at");
    return common::Ok();
  });
}

common::Result<std::vector<domain::Account>> SociAccountRepository::Select(
    const std::string& where, const std::string& value, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::Account>> {
    std::string id, kind, display_name, given_names, family_name, email, enterprise_number,
        national_number, assurance_level, authentication_method;
    soci::indicator enterprise_ind = soci::i_ok, national_ind = soci::i_ok;
    int can_send = 0;
    long long created_at = 0;
    soci::statement st(session_);
    st.exchange(soci::into(id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(display_name));
    st.exchange(soci::into(given_names));
    st.exchange(soci::into(family_name));
    st.exchange(soci::into(email));
    st.exchange(soci::into(enterprise_number, enterprise_ind));
    st.exchange(soci::into(national_number, national_ind));
    st.exchange(soci::into(assurance_level));
    st.exchange(soci::into(authentication_method));
    st.exchange(soci::into(can_send));
    st.exchange(soci::into(created_at));
    st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(std::string(kSelect) + where);
    st.define_and_bind();
    std::vector<domain::Account> accounts;
    if (!st.execute(true)) return accounts;
    do {
      domain::Account account;
      account.id = id;
      const auto parsed_kind = domain::AccountKindFromName(kind);
      if (!parsed_kind) {
        return common::Fail(common::ErrorCode::kInternal,
                            context + ": unknown account kind in row " + id);
      }
      account.kind = *parsed_kind;
      account.display_name = display_name;
      account.given_names = given_names;
      account.family_name = family_name;
      account.email = email;
      account.enterprise_number =
          enterprise_ind == soci::i_null ? std::string() : enterprise_number;
      account.national_number = national_ind == soci::i_null ? std::string() : national_number;
      account.assurance_level = assurance_level;
      account.authentication_method = authentication_method;
      account.can_send = can_send != 0;
      account.created_at = FromMicros(created_at);
      accounts.push_back(std::move(account));
    } while (st.fetch());
    return accounts;
  });
}

namespace {
common::Result<std::optional<domain::Account>> First(
    common::Result<std::vector<domain::Account>> rows) {
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<domain::Account>();
  return std::optional<domain::Account>(std::move(rows->front()));
}
}  // namespace

common::Result<std::optional<domain::Account>> SociAccountRepository::FindById(
    const std::string& id) {
  return First(Select("id = :value", id, "find account by id"));
}

common::Result<std::optional<domain::Account>> SociAccountRepository::FindByEnterpriseNumber(
    const std::string& digits) {
  if (digits.empty()) return std::optional<domain::Account>();
  return First(Select("enterprise_number = :value", digits, "find account by enterprise number"));
}

common::Result<std::optional<domain::Account>> SociAccountRepository::FindByNationalNumber(
    const std::string& digits) {
  if (digits.empty()) return std::optional<domain::Account>();
  return First(Select("national_number = :value", digits, "find account by national number"));
}

common::Result<std::vector<domain::Account>> SociAccountRepository::FindByEmail(
    const std::string& email) {
  return Select("email_key = :value ORDER BY created_at, id", AsciiLower(email),
                "find accounts by email");
}

common::Result<std::vector<domain::Account>> SociAccountRepository::Search(const std::string& text,
                                                                           std::size_t limit) {
  // One searchable key per row, so the pattern is bound once; '%', '_' and '\\' are literal.
  std::string pattern = "%";
  for (char c : AsciiLower(text)) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return Select(
      "(lower(display_name) || ' ' || email_key || ' ' || COALESCE(enterprise_number, '') || ' ' "
      "|| COALESCE(national_number, '')) LIKE :value ESCAPE '\\' ORDER BY lower(display_name), "
      "id LIMIT " +
          std::to_string(limit),
      pattern, "search accounts");
}

common::Result<void> SociAccountRepository::UpdateEmail(const std::string& id,
                                                        const std::string& email) {
  return WithSavepoint(session_, "update account email", [&]() -> common::Result<void> {
    const std::string email_key = AsciiLower(email);
    soci::statement update =
        (session_.prepare << "UPDATE accounts SET email = :email, email_key = :email_key WHERE "
                             "id = :id",
         soci::use(email, "email"), soci::use(email_key, "email_key"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      return common::Fail(common::ErrorCode::kNotFound, "account not found");
    }
    return common::Ok();
  });
}

common::Result<void> SociAccountRepository::SetCanSend(const std::string& id, bool can_send) {
  return WithSavepoint(session_, "set account can_send", [&]() -> common::Result<void> {
    const int value = can_send ? 1 : 0;
    soci::statement update = (session_.prepare << "UPDATE accounts SET can_send = :can_send "
                                                  "WHERE id = :id",
                              soci::use(value, "can_send"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      return common::Fail(common::ErrorCode::kNotFound, "account not found");
    }
    return common::Ok();
  });
}

}  // namespace sealpost::adapters::storage
