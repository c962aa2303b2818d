#include "app/usecases/operator_back_office.hpp"

#include <algorithm>

namespace sealpost::app {

namespace {

common::Result<void> MustBeOperator(const Caller& caller) {
  if (caller.ViaApiKey() || !caller.is_operator) {
    return common::Fail(common::ErrorCode::kNotFound, "not found");
  }
  return common::Ok();
}

}  // namespace

OperatorBackOffice::OperatorBackOffice(Database& database, const common::Clock& clock)
    : database_(database), clock_(clock) {}

common::Result<ServiceStatus> OperatorBackOffice::Status(const Caller& caller) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  ServiceStatus status;
  auto size = (*uow)->Log().Size();
  if (!size) return common::Fail(size.error());
  status.log_size = *size;
  auto checkpoint = (*uow)->Log().LatestCheckpoint();
  if (!checkpoint) return common::Fail(checkpoint.error());
  status.checkpoint = std::move(*checkpoint);
  auto head = (*uow)->AuditLog().ChainHead();
  if (!head) return common::Fail(head.error());
  status.audit_head = std::move(*head);
  return status;
}

common::Result<std::vector<domain::Account>> OperatorBackOffice::SearchAccounts(
    const Caller& caller, const std::string& text) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  // Numbers are stored as digits: "0403.019.261" finds 0403019261.
  std::string query = text;
  const bool looks_like_number = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ' ' || c == '/';
  });
  if (looks_like_number) std::erase_if(query, [](char c) { return c < '0' || c > '9'; });
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  return (*uow)->Accounts().Search(query, kSearchLimit + 1);
}

common::Result<AccountOverview> OperatorBackOffice::Account(const Caller& caller,
                                                            const std::string& account_id) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto account = (*uow)->Accounts().FindById(account_id);
  if (!account) return common::Fail(account.error());
  if (!*account) return common::Fail(common::ErrorCode::kNotFound, "no such account");
  AccountOverview overview;
  overview.account = std::move(**account);
  if (overview.account.kind == domain::AccountKind::kCompany) {
    auto members = (*uow)->Memberships().ListByCompany(account_id);
    if (!members) return common::Fail(members.error());
    for (auto& m : *members) {
      AccountMemberView view;
      auto person = (*uow)->Accounts().FindById(m.person_account_id);
      if (!person) return common::Fail(person.error());
      if (*person) view.person = std::move(**person);
      view.membership = std::move(m);
      overview.members.push_back(std::move(view));
    }
  } else {
    auto memberships = (*uow)->Memberships().ListByPerson(account_id);
    if (!memberships) return common::Fail(memberships.error());
    for (const auto& m : *memberships) {
      auto company = (*uow)->Accounts().FindById(m.company_account_id);
      if (!company) return common::Fail(company.error());
      if (*company) overview.companies.push_back(std::move(**company));
    }
  }
  auto consent = (*uow)->Consents().FindActive(account_id, clock_.Now());
  if (!consent) return common::Fail(consent.error());
  overview.consent = std::move(*consent);
  AuditQuery recent;
  recent.account_id = account_id;
  recent.limit = kRecentAudit;
  auto entries = (*uow)->AuditLog().List(recent);
  if (!entries) return common::Fail(entries.error());
  overview.recent = std::move(*entries);
  return overview;
}

common::Result<std::vector<domain::AuditEntry>> OperatorBackOffice::AuditLog(const Caller& caller,
                                                                             AuditQuery query) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  query.limit = std::clamp<std::size_t>(query.limit, 1, kAuditPage);
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  return (*uow)->AuditLog().List(query);
}

}  // namespace sealpost::app
