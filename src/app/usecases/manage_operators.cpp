#include "app/usecases/manage_operators.hpp"

#include "domain/belgian_identifiers.hpp"

namespace sealpost::app {

ManageOperators::ManageOperators(Database& database, const common::Clock& clock,
                                 common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<domain::Account> ManageOperators::Change(std::string_view national_number,
                                                        const std::string& by, bool grant) {
  auto number = domain::NationalNumber::Parse(national_number);
  if (!number) return common::Fail(number.error());
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto person = (*uow)->Accounts().FindByNationalNumber(number->digits);
  if (!person) return common::Fail(person.error());
  if (!*person) {
    return common::Fail(common::ErrorCode::kNotFound,
                        "nobody with national number " + number->Formatted() +
                            " has signed in yet; they must sign in once with eID or itsme first");
  }
  const domain::Account& account = **person;
  if (grant) {
    if (auto granted = (*uow)->Operators().Grant({account.id, now, by}); !granted) {
      return common::Fail(granted.error());
    }
  } else if (auto revoked = (*uow)->Operators().Revoke(account.id); !revoked) {
    return common::Fail(revoked.error());
  }
  domain::AuditEntry entry;
  entry.id = common::NewUuid(random_);
  entry.at = now;
  entry.actor = by;
  entry.account_id = account.id;
  entry.action = grant ? "operator.granted" : "operator.revoked";
  entry.details_json = "{}";
  if (auto logged = (*uow)->AuditLog().Append(entry); !logged) return common::Fail(logged.error());
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return account;
}

common::Result<domain::Account> ManageOperators::Grant(std::string_view national_number,
                                                       const std::string& by) {
  return Change(national_number, by, true);
}

common::Result<domain::Account> ManageOperators::Revoke(std::string_view national_number,
                                                        const std::string& by) {
  return Change(national_number, by, false);
}

common::Result<std::vector<OperatorView>> ManageOperators::List() {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto grants = (*uow)->Operators().List();
  if (!grants) return common::Fail(grants.error());
  std::vector<OperatorView> out;
  for (auto& g : *grants) {
    auto person = (*uow)->Accounts().FindById(g.account_id);
    if (!person) return common::Fail(person.error());
    if (*person) out.push_back({std::move(g), std::move(**person)});
  }
  return out;
}

}  // namespace sealpost::app
