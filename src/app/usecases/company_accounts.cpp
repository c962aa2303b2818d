#include "app/usecases/company_accounts.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "common/text.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/email_address.hpp"

namespace sealpost::app {

CompanyAccounts::CompanyAccounts(Database& database, const common::Clock& clock,
                                 common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<domain::Account> CompanyAccounts::Create(const Caller& caller,
                                                        const NewCompany& request) {
  if (caller.ViaApiKey() || caller.person_account_id.empty() ||
      caller.account.id != caller.person_account_id) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "a company account is opened by a person signed in with eID or itsme");
  }
  auto number = domain::EnterpriseNumber::Parse(request.enterprise_number);
  if (!number) return common::Fail(number.error());
  const std::string name(common::TrimAscii(request.name));
  const long name_length = common::PrintableUtf8Length(name);
  if (name_length < 1 || static_cast<std::size_t>(name_length) > kMaxNameLength) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the company name must be 1 to 200 characters of text");
  }
  const std::string email(common::TrimAscii(request.email));
  if (!domain::LooksLikeEmail(email)) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the e-mail address is not valid: " + email);
  }

  const common::TimePoint now = clock_.Now();
  domain::Account company;
  company.id = common::NewUuid(random_);
  company.kind = domain::AccountKind::kCompany;
  company.display_name = name;
  company.email = email;
  company.enterprise_number = number->digits;
  // How the company's first admin was identified: the level the account's actions rest on.
  company.assurance_level = caller.account.assurance_level;
  company.authentication_method = caller.account.authentication_method;
  company.can_send = false;  // until the subscription is approved
  company.created_at = now;

  domain::Membership admin;
  admin.company_account_id = company.id;
  admin.person_account_id = caller.person_account_id;
  admin.roles = {domain::Role::kAdmin};
  admin.joined_at = now;
  admin.added_by = caller.person_account_id;

  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto inserted = (*uow)->Accounts().Insert(company); !inserted) {
    if (inserted.error().code == common::ErrorCode::kConflict) {
      return common::Fail(common::ErrorCode::kConflict,
                          "this company has a sealpost account already; ask one of its "
                          "administrators to invite you");
    }
    return common::Fail(inserted.error());
  }
  if (auto joined = (*uow)->Memberships().Insert(admin); !joined) {
    return common::Fail(joined.error());
  }
  const nlohmann::json details = {{"enterprise_number", company.enterprise_number},
                                  {"name", company.display_name}};
  if (auto logged = (*uow)->AuditLog().Append(
          AuditEntryFor(caller, random_, now, company.id, "company.created", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return company;
}

common::Result<std::vector<CompanyMembershipView>> CompanyAccounts::ListMine(const Caller& caller) {
  std::vector<CompanyMembershipView> out;
  if (caller.person_account_id.empty()) return out;  // an API key belongs to one account
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto memberships = (*uow)->Memberships().ListByPerson(caller.person_account_id);
  if (!memberships) return common::Fail(memberships.error());
  for (auto& m : *memberships) {
    auto company = (*uow)->Accounts().FindById(m.company_account_id);
    if (!company) return common::Fail(company.error());
    if (!*company) continue;
    out.push_back({std::move(**company), std::move(m)});
  }
  return out;
}

}  // namespace sealpost::app
