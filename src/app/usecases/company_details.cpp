#include "app/usecases/company_details.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "common/text.hpp"
#include "domain/email_address.hpp"

namespace sealpost::app {

namespace {

common::Result<void> MustBeCompany(const Caller& caller) {
  if (caller.account.kind != domain::AccountKind::kCompany || caller.person_account_id.empty()) {
    return common::Fail(common::ErrorCode::kNotFound, "a personal account has no company details");
  }
  return common::Ok();
}

}  // namespace

CompanyDetails::CompanyDetails(Database& database, const common::Clock& clock,
                               common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<CompanyFacts> CompanyDetails::Show(const Caller& caller) {
  if (auto ok = MustBeCompany(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  CompanyFacts facts;
  auto company = (*uow)->Accounts().FindById(caller.account.id);
  if (!company) return common::Fail(company.error());
  if (!*company) return common::Fail(common::ErrorCode::kNotFound, "no such company");
  facts.company = std::move(**company);
  auto members = (*uow)->Memberships().ListByCompany(caller.account.id);
  if (!members) return common::Fail(members.error());
  facts.members = members->size();
  auto kbo = (*uow)->Kbo().Find(facts.company.enterprise_number);
  if (!kbo) return common::Fail(kbo.error());
  facts.kbo = std::move(*kbo);
  facts.may_edit = caller.Can(domain::Permission::kManageCompany);
  return facts;
}

common::Result<domain::Account> CompanyDetails::ChangeNotificationAddress(const Caller& caller,
                                                                          std::string_view email) {
  if (auto ok = MustBeCompany(caller); !ok) return common::Fail(ok.error());
  if (!caller.Can(domain::Permission::kManageCompany)) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "only an administrator changes the company's details");
  }
  const std::string address(common::TrimAscii(email));
  if (!domain::LooksLikeEmail(address)) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the e-mail address is not valid: " + address);
  }
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto company = (*uow)->Accounts().FindById(caller.account.id);
  if (!company) return common::Fail(company.error());
  if (!*company) return common::Fail(common::ErrorCode::kNotFound, "no such company");
  const std::string before = (*company)->email;
  if (auto updated = (*uow)->Accounts().UpdateEmail(caller.account.id, address); !updated) {
    return common::Fail(updated.error());
  }
  const nlohmann::json details = {{"from", before}, {"to", address}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, now, caller.account.id, "company.email_changed", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  (*company)->email = address;
  return std::move(**company);
}

}  // namespace sealpost::app
