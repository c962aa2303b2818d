#include "app/recipient_directory.hpp"

#include "domain/name_match.hpp"

namespace sealpost::app {

namespace {

common::Result<std::optional<domain::Account>> FindAccount(UnitOfWork& uow,
                                                           const domain::Recipient& r) {
  if (!r.enterprise_number.empty())
    return uow.Accounts().FindByEnterpriseNumber(r.enterprise_number);
  if (!r.national_number.empty()) return uow.Accounts().FindByNationalNumber(r.national_number);
  auto by_email = uow.Accounts().FindByEmail(r.email);
  if (!by_email) return common::Fail(by_email.error());
  // The addresses a registered recipient confirmed reach it like its main address.
  auto verified = uow.RecipientAddresses().AccountsVerifiedAt(r.email);
  if (!verified) return common::Fail(verified.error());
  for (const auto& account_id : *verified) {
    auto account = uow.Accounts().FindById(account_id);
    if (!account) return common::Fail(account.error());
    if (*account) by_email->push_back(std::move(**account));
  }
  for (auto& account : *by_email) {
    // Without an identifier the e-mail address alone is not enough: the name must match too.
    if (domain::NamesMatch(account.display_name, r.name)) return std::optional(std::move(account));
  }
  return std::optional<domain::Account>();
}

}  // namespace

common::Result<std::optional<domain::Account>> FindRegisteredRecipient(
    UnitOfWork& uow, const domain::Recipient& recipient, common::TimePoint at) {
  auto account = FindAccount(uow, recipient);
  if (!account || !*account) return account;
  auto consent = uow.Consents().FindActive((*account)->id, at);
  if (!consent) return common::Fail(consent.error());
  if (!*consent) return std::optional<domain::Account>();
  return account;
}

}  // namespace sealpost::app
