#include "http/web/member_pages.hpp"

#include <algorithm>

#include "http/uri.hpp"

namespace sealpost::http::web {

namespace {

constexpr std::string_view kPath = "/account/members";

// Every value of the repeated form field `name`, joined with spaces (checkbox groups).
std::string FormWords(const HttpRequest& request, std::string_view name) {
  std::string out;
  if (auto form = ParseQuery(request.body)) {
    for (const auto& [key, value] : *form) {
      if (key != name) continue;
      if (!out.empty()) out += ' ';
      out += value;
    }
  }
  return out;
}

void AddRoleChoices(ui::View& row, const std::vector<domain::Role>& chosen,
                    const std::string& id_prefix) {
  for (auto role : domain::kAllRoles) {
    const bool on = std::find(chosen.begin(), chosen.end(), role) != chosen.end();
    ui::View& choice = row.AddRow("roles");
    choice.Set("role", std::string(domain::RoleName(role)))
        .Set("role_label", ui::MessageKey{"role." + std::string(domain::RoleName(role))})
        .Set("input_id", id_prefix + "-" + std::string(domain::RoleName(role)));
    if (on) choice.Show("on");
  }
}

HttpResponse Show(const MemberPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SeeOther("/sign-in?return_to=" + std::string(kPath));
  const app::Caller& caller = *visitor->caller;
  auto members = p.members.List(caller);
  if (!members) return ErrorPageFor(p.web, request, members.error());
  auto invitations = p.members.ListInvitations(caller);
  if (!invitations) return ErrorPageFor(p.web, request, invitations.error());
  const std::string csrf = app::SessionService::CsrfToken(visitor->cookie);
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("company_name", caller.account.display_name);
  view.Set("csrf", csrf);
  for (const auto& m : *members) {
    ui::View& row = view.AddRow("members");
    row.Set("name", m.person.display_name);
    row.Set("joined_at", ui::DateTime{m.membership.joined_at});
    row.Set("roles_action", std::string(kPath) + "/" + m.person.id + "/roles");
    row.Set("remove_action", std::string(kPath) + "/" + m.person.id + "/remove");
    row.Set("csrf", csrf);
    AddRoleChoices(row, m.membership.roles, "member-" + m.person.id);
  }
  const common::TimePoint now = p.clock.Now();
  for (const auto& i : *invitations) {
    ui::View& row = view.AddRow("invitations");
    row.Set("email", i.email);
    row.Set("expires_at", ui::DateTime{i.expires_at});
    const auto status = i.StatusAt(now);
    row.Set("status", ui::MessageKey{"members.invitation." +
                                     std::string(domain::InvitationStatusName(status))});
    if (status == domain::InvitationStatus::kPending) {
      row.AddRow("pending")
          .Set("action", std::string(kPath) + "/invitations/" + i.id + "/withdraw")
          .Set("csrf", csrf);
    }
  }
  ui::View& invite = view.AddRow("invite");
  invite.Set("csrf", csrf);
  AddRoleChoices(invite, {domain::Role::kSender}, "invite");
  return RenderPage(p.web, request, "account/members.html", view);
}

// Runs a form's change for a signed-in visitor with the right token, then back to the page.
template <typename F>
HttpResponse Change(const MemberPages& p, const HttpRequest& request, F&& change) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  common::Result<void> done = change(*visitor->caller);
  if (!done) {
    if (done.error().code == common::ErrorCode::kFailedPrecondition) {
      return ErrorPage(p.web, request, 409, "members.keep_an_admin");
    }
    return ErrorPageFor(p.web, request, done.error());
  }
  return SeeOther(kPath);
}

HttpResponse SetRoles(const MemberPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) -> common::Result<void> {
    auto changed = p.members.SetRoles(caller, std::string(*request.Param("person")),
                                      FormWords(request, "role"));
    if (!changed) return common::Fail(changed.error());
    return common::Ok();
  });
}

HttpResponse Remove(const MemberPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) {
    return p.members.Remove(caller, std::string(*request.Param("person")));
  });
}

HttpResponse Invite(const MemberPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) -> common::Result<void> {
    auto invited = p.members.Invite(caller, FormField(request, "email"), FormWords(request, "role"),
                                    ui::LanguageCode(LanguageOf(request)));
    if (!invited) return common::Fail(invited.error());
    return common::Ok();
  });
}

HttpResponse Withdraw(const MemberPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) {
    return p.members.RevokeInvitation(caller, std::string(*request.Param("id")));
  });
}

}  // namespace

void AddMemberPages(Router& router, const MemberPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const MemberPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/account/members", bind(Show));
  router.Add("POST", "/account/members/{person}/roles", bind(SetRoles));
  router.Add("POST", "/account/members/{person}/remove", bind(Remove));
  router.Add("POST", "/account/members/invitations", bind(Invite));
  router.Add("POST", "/account/members/invitations/{id}/withdraw", bind(Withdraw));
}

}  // namespace sealpost::http::web
