#include "http/web/api_key_pages.hpp"

#include "domain/api_key.hpp"
#include "http/uri.hpp"

namespace sealpost::http::web {

namespace {

// The page with the keys; `secret` (shown once) and `error_key` (the form's error) are optional.
HttpResponse KeysPage(const ApiKeyPages& p, const HttpRequest& request, const Visitor& visitor,
                      const std::string& secret, const std::string& error_key, int status) {
  auto keys = p.keys.List(*visitor.caller);
  if (!keys) return ErrorPageFor(p.web, request, keys.error());
  ui::View view;
  AddVisitorToView(visitor, view);
  const std::string csrf = app::SessionService::CsrfToken(visitor.cookie);
  view.Set("csrf", csrf);
  view.Set("account_name", visitor.caller->account.display_name);
  if (!secret.empty()) view.AddRow("created").Set("secret", secret);
  if (!error_key.empty()) view.AddRow("form_error").Set("message", ui::MessageKey{error_key});
  for (const auto& k : *keys) {
    ui::View& row = view.AddRow("keys");
    row.Set("label", k.label);
    row.Set("prefix", k.prefix);
    row.Set("scopes", k.scopes);
    row.Set("created_at", ui::DateTime{k.created_at});
    if (k.last_used_at) {
      row.AddRow("used").Set("last_used_at", ui::DateTime{*k.last_used_at});
    } else {
      row.Show("never_used");
    }
    if (k.revoked_at) {
      row.AddRow("revoked").Set("revoked_at", ui::DateTime{*k.revoked_at});
    } else {
      row.AddRow("active").Set("action", "/account/api-keys/" + k.id + "/revoke").Set("csrf", csrf);
    }
  }
  if (keys->empty()) view.Show("no_keys");
  for (auto scope : domain::kApiKeyScopes) {
    view.AddRow("scopes_choice").Set("scope", std::string(scope));
  }
  HttpResponse response = RenderPage(p.web, request, "account/api_keys.html", view, status);
  return response;
}

common::Result<Visitor> SignedInVisitor(const ApiKeyPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return visitor;
  if (!visitor->SignedIn()) {
    return common::Fail(common::ErrorCode::kUnauthenticated, "sign in first");
  }
  return visitor;
}

HttpResponse Show(const ApiKeyPages& p, const HttpRequest& request) {
  auto visitor = SignedInVisitor(p, request);
  if (!visitor) {
    if (visitor.error().code == common::ErrorCode::kUnauthenticated) {
      return SeeOther("/sign-in?return_to=/account/api-keys");
    }
    return ErrorPageFor(p.web, request, visitor.error());
  }
  return KeysPage(p, request, *visitor, "", "", 200);
}

HttpResponse Create(const ApiKeyPages& p, const HttpRequest& request) {
  auto visitor = SignedInVisitor(p, request);
  if (!visitor || !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  std::string scopes;
  if (auto form = ParseQuery(request.body)) {
    for (const auto& [name, value] : *form) {
      if (name != "scope") continue;
      if (!scopes.empty()) scopes += ' ';
      scopes += value;
    }
  }
  auto created = p.keys.Create(*visitor->caller, FormField(request, "label"), scopes);
  if (!created) {
    if (created.error().code == common::ErrorCode::kInvalidArgument) {
      return KeysPage(p, request, *visitor, "", "api_keys.form_error", 400);
    }
    return ErrorPageFor(p.web, request, created.error());
  }
  // Shown on this answer only: the page is not stored by the browser (no-store) and not
  // reachable by a later GET.
  return KeysPage(p, request, *visitor, created->secret, "", 200);
}

HttpResponse Revoke(const ApiKeyPages& p, const HttpRequest& request) {
  auto visitor = SignedInVisitor(p, request);
  if (!visitor || !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  auto revoked = p.keys.Revoke(*visitor->caller, std::string(*request.Param("id")));
  if (!revoked) return ErrorPageFor(p.web, request, revoked.error());
  return SeeOther("/account/api-keys");
}

}  // namespace

void AddApiKeyPages(Router& router, const ApiKeyPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const ApiKeyPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/account/api-keys", bind(Show));
  router.Add("POST", "/account/api-keys", bind(Create));
  router.Add("POST", "/account/api-keys/{id}/revoke", bind(Revoke));
}

}  // namespace sealpost::http::web
