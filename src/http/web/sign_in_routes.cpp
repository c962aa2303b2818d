#include "http/web/sign_in_routes.hpp"

#include "http/http_response.hpp"
#include "http/session_cookie.hpp"

namespace sealpost::http::web {

namespace {

std::string SessionCookie(const SignInRoutes& r, const std::string& value, bool clear = false) {
  return SessionSetCookie(value, r.web.SecureCookies(), clear);
}

std::string ReturnCookie(const SignInRoutes& r, std::string_view path, bool clear = false) {
  std::string cookie = std::string(kReturnCookie) + "=" + std::string(path) +
                       "; Path=/auth; HttpOnly; SameSite=Lax; Max-Age=" + (clear ? "0" : "600");
  if (r.web.SecureCookies()) cookie += "; Secure";
  return cookie;
}

app::IdentityProvider* FindProvider(const SignInRoutes& r, std::string_view id) {
  for (auto* p : r.providers) {
    if (p->Id() == id) return p;
  }
  return nullptr;
}

HttpResponse Home(const SignInRoutes& r, const HttpRequest& request) {
  auto visitor = VisitorOf(r.web, request);
  if (!visitor) return ErrorPageFor(r.web, request, visitor.error());
  if (visitor->SignedIn()) return SeeOther("/account");
  ui::View view;
  view.Set("price", ui::Money{r.price_cents});
  view.Set("acceptance_days", static_cast<std::int64_t>(r.acceptance_days));
  return RenderPage(r.web, request, "home.html", view);
}

// The sign-in page. Its forms carry the CSRF token of the visitor's session, so an anonymous
// session is started here when there is none.
HttpResponse SignInChoice(const SignInRoutes& r, const HttpRequest& request) {
  auto visitor = VisitorOf(r.web, request);
  if (!visitor) return ErrorPageFor(r.web, request, visitor.error());
  auto set_cookie = EnsureSession(r.web, request, *visitor);
  if (!set_cookie) return ErrorPageFor(r.web, request, set_cookie.error());
  ui::View view;
  view.Set("csrf", app::SessionService::CsrfToken(visitor->cookie));
  view.Set("return_to", LocalPathOr(request.Query("return_to").value_or(""), "/account"));
  for (auto* p : r.providers) {
    ui::View& row = view.AddRow("providers");
    row.Set("action", "/sign-in/" + p->Id());
    row.Set("provider", p->DisplayName());
  }
  if (r.providers.empty()) view.Show("no_providers");
  AddVisitorToView(*visitor, view);
  HttpResponse response = RenderPage(r.web, request, "sign_in.html", view);
  if (!set_cookie->empty()) response.headers.Add("Set-Cookie", *set_cookie);
  return response;
}

HttpResponse BeginSignIn(const SignInRoutes& r, const HttpRequest& request) {
  app::IdentityProvider* provider = FindProvider(r, *request.Param("provider"));
  if (provider == nullptr) return ErrorPage(r.web, request, 404, "sign_in.unknown_provider");
  const std::string cookie = SessionCookieValue(request);
  if (cookie.empty() || !app::SessionService::CheckCsrf(cookie, FormField(request, "csrf"))) {
    return ErrorPage(r.web, request, 403, "error.form_expired");
  }
  auto pending = r.web.sessions.BeginSignIn(
      cookie, *provider, r.web.public_base_url + "/auth/callback/" + provider->Id());
  if (!pending) {
    if (pending.error().code == common::ErrorCode::kUnavailable) {
      return ErrorPage(r.web, request, 429, "sign_in.locked");
    }
    return ErrorPage(r.web, request, 403, "error.form_expired");
  }
  HttpResponse response =
      HttpResponse::Empty(302).SetHeader("Location", pending->authorization_url);
  response.headers.Add("Set-Cookie",
                       ReturnCookie(r, LocalPathOr(FormField(request, "return_to"), "/account")));
  return response;
}

HttpResponse Callback(const SignInRoutes& r, const HttpRequest& request) {
  app::IdentityProvider* provider = FindProvider(r, *request.Param("provider"));
  if (provider == nullptr) return ErrorPage(r.web, request, 404, "sign_in.unknown_provider");
  if (request.Query("error")) return ErrorPage(r.web, request, 401, "sign_in.cancelled");
  auto code = request.Query("code");
  auto state = request.Query("state");
  const std::string cookie = SessionCookieValue(request);
  if (!code || !state || cookie.empty()) {
    return ErrorPage(r.web, request, 400, "error.form_expired");
  }
  auto signed_in = r.web.sessions.CompleteSignIn(cookie, *state, std::string(*code), *provider);
  if (!signed_in) {
    if (signed_in.error().code == common::ErrorCode::kUnavailable) {
      return ErrorPage(r.web, request, 429, "sign_in.locked");
    }
    return ErrorPage(r.web, request, 401, "sign_in.failed");
  }
  HttpResponse response = HttpResponse::Empty(302).SetHeader(
      "Location", LocalPathOr(CookieValue(request, kReturnCookie), "/account"));
  response.headers.Add("Set-Cookie", SessionCookie(r, signed_in->cookie));
  response.headers.Add("Set-Cookie", ReturnCookie(r, "", true));
  return response;
}

HttpResponse SignOut(const SignInRoutes& r, const HttpRequest& request) {
  const std::string cookie = SessionCookieValue(request);
  if (cookie.empty() || !app::SessionService::CheckCsrf(cookie, FormField(request, "csrf"))) {
    return ErrorPage(r.web, request, 403, "error.form_expired");
  }
  (void)r.web.sessions.SignOut(cookie);
  HttpResponse response = SeeOther("/");
  response.headers.Add("Set-Cookie", SessionCookie(r, "", true));
  return response;
}

}  // namespace

void AddSignInRoutes(Router& router, const SignInRoutes& routes) {
  auto bind = [routes](HttpResponse (*handler)(const SignInRoutes&, const HttpRequest&)) {
    return [routes, handler](const HttpRequest& request) { return handler(routes, request); };
  };
  router.Add("GET", "/", bind(Home));
  router.Add("GET", "/sign-in", bind(SignInChoice));
  router.Add("POST", "/sign-in/{provider}", bind(BeginSignIn));
  router.Add("GET", "/auth/callback/{provider}", bind(Callback));
  router.Add("POST", "/sign-out", bind(SignOut));
}

}  // namespace sealpost::http::web
