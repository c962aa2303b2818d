#include "http/web/account_pages.hpp"

#include "domain/belgian_identifiers.hpp"
#include "domain/membership.hpp"
#include "http/session_cookie.hpp"

namespace sealpost::http::web {

namespace {

// Role names as the visitor reads them, joined with commas.
std::string RoleList(const AccountPages& p, ui::Language language,
                     const std::vector<domain::Role>& roles) {
  std::string out;
  for (auto role : roles) {
    if (!out.empty()) out += ", ";
    out += p.web.translator.Text(language, "role." + std::string(domain::RoleName(role)));
  }
  return out;
}

std::string LevelName(const AccountPages& p, ui::Language language, std::string_view uri) {
  const auto slash = uri.rfind('/');
  const std::string level(slash == std::string_view::npos ? uri : uri.substr(slash + 1));
  if (level == "high" || level == "substantial" || level == "low") {
    return p.web.translator.Text(language, "loa." + level);
  }
  return std::string(uri);
}

HttpResponse SignInFirst(const HttpRequest& request) {
  return SeeOther("/sign-in?return_to=" + std::string(request.raw_path));
}

HttpResponse Overview(const AccountPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  const app::Caller& caller = *visitor->caller;
  const ui::Language language = LanguageOf(request);
  auto mine = p.companies.ListMine(caller);
  if (!mine) return ErrorPageFor(p.web, request, mine.error());

  ui::View view;
  AddVisitorToView(*visitor, view);
  const std::string csrf = app::SessionService::CsrfToken(visitor->cookie);
  const domain::Session& session = *visitor->session;
  std::string provider = session.auth_provider;
  for (const auto& [id, name] : p.provider_names) {
    if (id == session.auth_provider) provider = name;
  }
  view.Set("provider", provider);
  view.Set("assurance_level", LevelName(p, language, session.auth_assurance_level));
  if (session.authenticated_at)
    view.Set("authenticated_at", ui::DateTime{*session.authenticated_at});
  view.Set("acting_name", caller.account.display_name);
  view.Set("csrf", csrf);
  if (caller.is_operator) view.Show("operator");

  const bool acting_for_self = caller.account.id == caller.person_account_id;
  ui::View& personal = view.AddRow("personal");
  personal.Set("account_id", caller.person_account_id);
  personal.Set("current", acting_for_self ? "true" : "false");
  for (const auto& m : *mine) {
    ui::View& row = view.AddRow("companies");
    row.Set("account_id", m.company.id);
    row.Set("company_name", m.company.display_name);
    row.Set("enterprise_number", domain::EnterpriseNumber{m.company.enterprise_number}.Formatted());
    row.Set("roles", RoleList(p, language, m.membership.roles));
    row.Set("current", m.company.id == caller.account.id ? "true" : "false");
  }
  if (mine->empty()) view.Show("no_companies");
  view.Set("person_name", caller.person_name);
  return RenderPage(p.web, request, "account/overview.html", view);
}

HttpResponse ActAs(const AccountPages& p, const HttpRequest& request) {
  const std::string cookie = SessionCookieValue(request);
  if (cookie.empty() || !app::SessionService::CheckCsrf(cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  auto acting = p.web.sessions.ActAs(cookie, FormField(request, "account_id"));
  if (!acting) return ErrorPageFor(p.web, request, acting.error());
  return SeeOther("/account");
}

HttpResponse Invitation(const AccountPages& p, const HttpRequest& request) {
  const std::string token(*request.Param("token"));
  auto preview = p.invitations.Preview(token);
  if (!preview) return ErrorPageFor(p.web, request, preview.error());
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  const ui::Language language = LanguageOf(request);
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("company_name", preview->company_name);
  view.Set("roles", RoleList(p, language, preview->invitation.roles));
  view.Set("expires_at", ui::DateTime{preview->invitation.expires_at});
  if (preview->status != domain::InvitationStatus::kPending) {
    view.Show("not_pending");
    view.Set("status_message",
             ui::MessageKey{"invitation.status." +
                            std::string(domain::InvitationStatusName(preview->status))});
  } else if (visitor->SignedIn()) {
    ui::View& form = view.AddRow("pending_signed_in");
    form.Set("action", std::string(request.raw_path) + "/accept");
    form.Set("csrf", app::SessionService::CsrfToken(visitor->cookie));
  } else {
    view.AddRow("pending_signed_out")
        .Set("sign_in_href", "/sign-in?return_to=" + std::string(request.raw_path));
  }
  return RenderPage(p.web, request, "invitation.html", view);
}

HttpResponse AcceptInvitation(const AccountPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  auto joined = p.invitations.Accept(*visitor->caller, *request.Param("token"));
  if (!joined) {
    if (joined.error().code == common::ErrorCode::kConflict) {
      return ErrorPage(p.web, request, 409, "invitation.status.already_member");
    }
    return ErrorPageFor(p.web, request, joined.error());
  }
  // The new member goes straight to acting for the company they joined.
  (void)p.web.sessions.ActAs(visitor->cookie, joined->company_account_id);
  return SeeOther("/account");
}

}  // namespace

void AddAccountPages(Router& router, const AccountPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const AccountPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/account", bind(Overview));
  router.Add("POST", "/account/acting-for", bind(ActAs));
  router.Add("GET", "/invitations/{token}", bind(Invitation));
  router.Add("POST", "/invitations/{token}/accept", bind(AcceptInvitation));
}

}  // namespace sealpost::http::web
