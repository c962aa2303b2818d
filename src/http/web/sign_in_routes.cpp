#include "http/web/sign_in_routes.hpp"

#include "common/html.hpp"
#include "http/http_response.hpp"
#include "http/multipart.hpp"
#include "http/session_cookie.hpp"
#include "http/uri.hpp"

namespace sealpost::http::web {

namespace {

std::string Escape(std::string_view text) { return common::HtmlEscape(text); }

HttpResponse Page(int status, const SignInRoutes& r, const std::string& title,
                  const std::string& body) {
  std::string html =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      Escape(title) + " — sealpost</title></head><body>";
  if (r.demo)
    html += "<p role=\"status\"><strong>DEMO MODE</strong> — test identities, no legal effect.</p>";
  html += "<main><h1>" + Escape(title) + "</h1>" + body + "</main></body></html>";
  return HttpResponse::Text(status, std::move(html), "text/html; charset=utf-8")
      .SetHeader("Content-Security-Policy",
                 "default-src 'self'; frame-ancestors 'none'; form-action 'self' *")
      .SetHeader("Referrer-Policy", "same-origin");
}

std::string CookieHeader(const SignInRoutes& r, const std::string& value, bool clear = false) {
  return SessionSetCookie(value, r.public_base_url.starts_with("https://"), clear);
}

app::IdentityProvider* FindProvider(const SignInRoutes& r, std::string_view id) {
  for (auto* p : r.providers) {
    if (p->Id() == id) return p;
  }
  return nullptr;
}

HttpResponse Home(const SignInRoutes& r, const HttpRequest& request) {
  std::string cookie = SessionCookieValue(request);
  if (!cookie.empty()) {
    auto session = r.sessions.ResolveSession(cookie);
    if (session && *session && (*session)->SignedIn()) {
      auto caller = r.sessions.CallerFor(**session);
      if (caller) {
        std::string body = "<p>Signed in as <strong>" + Escape(caller->account.display_name) +
                           "</strong> (" + Escape((*session)->auth_provider) +
                           ", level of assurance " + Escape((*session)->auth_assurance_level) +
                           ").</p>"
                           "<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" "
                           "name=\"csrf\" value=\"" +
                           app::SessionService::CsrfToken(cookie) +
                           "\"><button type=\"submit\">Sign out</button></form>";
        return Page(200, r, "sealpost", body);
      }
    }
  }
  return Page(200, r, "sealpost", "<p><a href=\"/sign-in\">Sign in</a></p>");
}

HttpResponse SignInChoice(const SignInRoutes& r, const HttpRequest&) {
  std::string list = "<ul>";
  for (auto* p : r.providers) {
    list += "<li><a href=\"/sign-in/" + Escape(p->Id()) + "\">" + Escape(p->DisplayName()) +
            "</a></li>";
  }
  list += "</ul>";
  return Page(200, r, "Sign in", "<p>Identify yourself with:</p>" + list);
}

HttpResponse BeginSignIn(const SignInRoutes& r, const HttpRequest& request) {
  app::IdentityProvider* provider = FindProvider(r, *request.Param("provider"));
  if (provider == nullptr)
    return Page(404, r, "Sign in", "<p>This identity provider is not available.</p>");
  std::string cookie = SessionCookieValue(request);
  std::string set_cookie;
  auto existing = cookie.empty() ? common::Result<std::optional<domain::Session>>(std::nullopt)
                                 : r.sessions.ResolveSession(cookie);
  if (!existing || !*existing) {
    auto started = r.sessions.StartSession("en");
    if (!started)
      return Page(503, r, "Sign in",
                  "<p>Signing in is not possible right now. Try again later.</p>");
    cookie = started->cookie;
    set_cookie = CookieHeader(r, cookie);
  }
  auto pending = r.sessions.BeginSignIn(cookie, *provider,
                                        r.public_base_url + "/auth/callback/" + provider->Id());
  if (!pending) {
    return Page(pending.error().code == common::ErrorCode::kUnavailable ? 503 : 400, r, "Sign in",
                "<p>" + Escape(pending.error().message) + "</p>");
  }
  HttpResponse response =
      HttpResponse::Empty(302).SetHeader("Location", pending->authorization_url);
  if (!set_cookie.empty()) response.SetHeader("Set-Cookie", set_cookie);
  return response;
}

HttpResponse Callback(const SignInRoutes& r, const HttpRequest& request) {
  app::IdentityProvider* provider = FindProvider(r, *request.Param("provider"));
  if (provider == nullptr)
    return Page(404, r, "Sign in", "<p>This identity provider is not available.</p>");
  if (auto error = request.Query("error")) {
    return Page(401, r, "Sign in",
                "<p>The identity provider did not sign you in (" + Escape(*error) +
                    ").</p><p><a href=\"/sign-in\">Try again</a></p>");
  }
  auto code = request.Query("code");
  auto state = request.Query("state");
  std::string cookie = SessionCookieValue(request);
  if (!code || !state || cookie.empty()) {
    return Page(400, r, "Sign in",
                "<p>This sign-in link is incomplete or has expired.</p>"
                "<p><a href=\"/sign-in\">Start again</a></p>");
  }
  auto signed_in = r.sessions.CompleteSignIn(cookie, *state, std::string(*code), *provider);
  if (!signed_in) {
    return Page(401, r, "Sign in",
                "<p>" + Escape(signed_in.error().message) +
                    "</p><p><a href=\"/sign-in\">Try again</a></p>");
  }
  return HttpResponse::Empty(302)
      .SetHeader("Location", "/")
      .SetHeader("Set-Cookie", CookieHeader(r, signed_in->cookie));
}

HttpResponse SignOut(const SignInRoutes& r, const HttpRequest& request) {
  std::string cookie = SessionCookieValue(request);
  auto form = ParseQuery(request.body);
  std::string token;
  if (form) {
    for (const auto& [name, value] : *form) {
      if (name == "csrf") token = value;
    }
  }
  if (cookie.empty() || !app::SessionService::CheckCsrf(cookie, token)) {
    return Page(403, r, "Sign out",
                "<p>This form has expired. Go back, reload the page and try again.</p>");
  }
  (void)r.sessions.SignOut(cookie);
  return HttpResponse::Empty(303)
      .SetHeader("Location", "/")
      .SetHeader("Set-Cookie", CookieHeader(r, "", true));
}

}  // namespace

void AddSignInRoutes(Router& router, const SignInRoutes& routes) {
  auto bind = [routes](HttpResponse (*handler)(const SignInRoutes&, const HttpRequest&)) {
    return [routes, handler](const HttpRequest& request) { return handler(routes, request); };
  };
  router.Add("GET", "/", bind(Home));
  router.Add("GET", "/sign-in", bind(SignInChoice));
  router.Add("GET", "/sign-in/{provider}", bind(BeginSignIn));
  router.Add("GET", "/auth/callback/{provider}", bind(Callback));
  router.Add("POST", "/sign-out", bind(SignOut));
}

}  // namespace sealpost::http::web
