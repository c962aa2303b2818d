#include "http/web/operator_pages.hpp"

#include <charconv>

#include "domain/belgian_identifiers.hpp"
#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

// The operator behind the request, or the answer to give instead (sign in first, or 404).
common::Result<Visitor> OperatorVisitor(const OperatorPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return visitor;
  if (!visitor->SignedIn()) {
    return common::Fail(common::ErrorCode::kUnauthenticated, "sign in first");
  }
  if (!visitor->caller->is_operator) return common::Fail(common::ErrorCode::kNotFound, "");
  return visitor;
}

HttpResponse Refused(const OperatorPages& p, const HttpRequest& request, const common::Error& e) {
  if (e.code == common::ErrorCode::kUnauthenticated) return SignInFirst(request);
  if (e.code == common::ErrorCode::kNotFound)
    return ErrorPage(p.web, request, 404, "error.not_found");
  return ErrorPageFor(p.web, request, e);
}

std::string FormattedIdentifier(const domain::Account& a) {
  if (!a.enterprise_number.empty())
    return domain::EnterpriseNumber{a.enterprise_number}.Formatted();
  if (!a.national_number.empty()) return domain::NationalNumber{a.national_number}.Formatted();
  return "";
}

void AddAccountRow(ui::View& row, const domain::Account& a) {
  row.Set("href", "/operator/accounts/" + a.id);
  row.Set("name", a.display_name);
  row.Set("identifier", FormattedIdentifier(a));
  row.Set("email", a.email);
  row.Set("kind", ui::MessageKey{"operator.kind." + std::string(domain::AccountKindName(a.kind))});
  row.Set("created_at", ui::DateTime{a.created_at});
  if (a.kind == domain::AccountKind::kCompany) {
    row.Set("can_send",
            ui::MessageKey{a.can_send ? "operator.can_send.yes" : "operator.can_send.no"});
  }
}

void AddAuditRow(ui::View& row, const domain::AuditEntry& e) {
  row.Set("at", ui::DateTime{e.at});
  row.Set("action", e.action);
  row.Set("actor", e.actor);
  row.Set("details", e.details_json);
  row.Set("seq", e.seq);
  if (!e.account_id.empty()) {
    row.AddRow("account_link").Set("account_href", "/operator/accounts/" + e.account_id);
  }
}

HttpResponse Home(const OperatorPages& p, const HttpRequest& request) {
  auto visitor = OperatorVisitor(p, request);
  if (!visitor) return Refused(p, request, visitor.error());
  auto status = p.back_office.Status(*visitor->caller);
  if (!status) return Refused(p, request, status.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("log_size", status->log_size);
  view.Set("audit_entries", status->audit_head.seq);
  if (status->checkpoint) {
    view.AddRow("checkpoint")
        .Set("checkpoint_size", status->checkpoint->size)
        .Set("checkpoint_at", ui::DateTime{status->checkpoint->created_at})
        .Set("checkpoint_root", status->checkpoint->root_hex);
  } else {
    view.Show("no_checkpoint");
  }
  return RenderPage(p.web, request, "operator/home.html", view);
}

HttpResponse Accounts(const OperatorPages& p, const HttpRequest& request) {
  auto visitor = OperatorVisitor(p, request);
  if (!visitor) return Refused(p, request, visitor.error());
  const std::string q(request.Query("q").value_or(""));
  auto found = p.back_office.SearchAccounts(*visitor->caller, q);
  if (!found) return Refused(p, request, found.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("q", q);
  const bool more = found->size() > app::OperatorBackOffice::kSearchLimit;
  if (more) found->resize(app::OperatorBackOffice::kSearchLimit);
  for (const auto& a : *found) AddAccountRow(view.AddRow("accounts"), a);
  if (found->empty()) view.Show("no_accounts");
  if (more) view.Show("more");
  return RenderPage(p.web, request, "operator/accounts.html", view);
}

HttpResponse Account(const OperatorPages& p, const HttpRequest& request) {
  auto visitor = OperatorVisitor(p, request);
  if (!visitor) return Refused(p, request, visitor.error());
  auto overview = p.back_office.Account(*visitor->caller, std::string(*request.Param("id")));
  if (!overview) return Refused(p, request, overview.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  const domain::Account& a = overview->account;
  AddAccountRow(view, a);
  view.Set("account_id", a.id);
  view.Set("assurance_level", a.assurance_level);
  view.Set("audit_href", "/operator/audit?account=" + a.id);
  for (const auto& m : overview->members) {
    ui::View& row = view.AddRow("members");
    row.Set("href", "/operator/accounts/" + m.membership.person_account_id);
    row.Set("name", m.person.display_name);
    row.Set("roles", domain::RoleNames(m.membership.roles));
    row.Set("joined_at", ui::DateTime{m.membership.joined_at});
  }
  if (a.kind == domain::AccountKind::kCompany && overview->members.empty()) view.Show("no_members");
  for (const auto& c : overview->companies) AddAccountRow(view.AddRow("companies"), c);
  if (overview->consent) {
    view.AddRow("consent")
        .Set("given_at", ui::DateTime{overview->consent->given_at})
        .Set("identity", overview->consent->identity);
  } else {
    view.Show("no_consent");
  }
  for (const auto& e : overview->recent) AddAuditRow(view.AddRow("recent"), e);
  if (overview->recent.empty()) view.Show("no_recent");
  return RenderPage(p.web, request, "operator/account.html", view);
}

HttpResponse Audit(const OperatorPages& p, const HttpRequest& request) {
  auto visitor = OperatorVisitor(p, request);
  if (!visitor) return Refused(p, request, visitor.error());
  app::AuditQuery query;
  query.account_id = std::string(request.Query("account").value_or(""));
  query.action_prefix = std::string(request.Query("action").value_or(""));
  query.limit = app::OperatorBackOffice::kAuditPage;
  const std::string before(request.Query("before").value_or(""));
  if (!before.empty()) {
    long long micros = 0;
    const auto [end, ec] = std::from_chars(before.data(), before.data() + before.size(), micros);
    if (ec != std::errc() || end != before.data() + before.size()) {
      return ErrorPage(p.web, request, 400, "operator.audit.bad_cursor");
    }
    query.before = common::TimePoint(std::chrono::microseconds(micros));
  }
  auto entries = p.back_office.AuditLog(*visitor->caller, query);
  if (!entries) return Refused(p, request, entries.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("account", query.account_id);
  view.Set("action", query.action_prefix);
  for (const auto& e : *entries) AddAuditRow(view.AddRow("entries"), e);
  if (entries->empty()) view.Show("no_entries");
  if (entries->size() == query.limit) {
    // Entries at the same microsecond as the last one shown may be skipped by a time cursor; the
    // log's order is by time, so that needs several entries written in one microsecond.
    const auto last = entries->back().at.time_since_epoch().count();
    view.AddRow("older").Set("href", "/operator/audit?account=" + QueryEscape(query.account_id) +
                                         "&action=" + QueryEscape(query.action_prefix) +
                                         "&before=" + std::to_string(last));
  }
  return RenderPage(p.web, request, "operator/audit.html", view);
}

}  // namespace

void AddOperatorPages(Router& router, const OperatorPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const OperatorPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/operator", bind(Home));
  router.Add("GET", "/operator/accounts", bind(Accounts));
  router.Add("GET", "/operator/accounts/{id}", bind(Account));
  router.Add("GET", "/operator/audit", bind(Audit));
}

}  // namespace sealpost::http::web
