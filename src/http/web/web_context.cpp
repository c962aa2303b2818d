#include "http/web/web_context.hpp"

#include "http/problem.hpp"
#include "http/session_cookie.hpp"
#include "http/uri.hpp"
#include "ui/error_messages.hpp"
#include "ui/language_negotiation.hpp"

namespace sealpost::http::web {

void AddPageHeaders(HttpResponse& response) {
  // Pages load only our own stylesheet and scripts (no inline script; they call only us); forms
  // post to us or to an identity provider.
  response.SetHeader("Content-Security-Policy",
                     "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
                     "img-src 'self' data:; "
                     "form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'");
  response.SetHeader("Referrer-Policy", "same-origin");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cache-Control", "no-store");
}

ui::Language LanguageOf(const HttpRequest& request) {
  const std::string cookie = CookieValue(request, kLanguageCookie);
  return ui::NegotiateLanguage({request.Query("lang").value_or(""), cookie},
                               request.Header("Accept-Language").value_or(""));
}

common::Result<Visitor> VisitorOf(const WebContext& web, const HttpRequest& request) {
  Visitor visitor;
  visitor.cookie = SessionCookieValue(request);
  if (visitor.cookie.empty()) return visitor;
  auto session = web.sessions.ResolveSession(visitor.cookie);
  if (!session) return common::Fail(session.error());
  visitor.session = std::move(*session);
  if (visitor.session && visitor.session->SignedIn()) {
    auto caller = web.sessions.CallerFor(*visitor.session);
    if (!caller && caller.error().code != common::ErrorCode::kUnauthenticated) {
      return common::Fail(caller.error());
    }
    if (caller) visitor.caller = std::move(*caller);
  }
  return visitor;
}

common::Result<std::string> EnsureSession(const WebContext& web, const HttpRequest& request,
                                          Visitor& visitor) {
  if (visitor.session) return std::string();
  auto started = web.sessions.StartSession(std::string(ui::LanguageCode(LanguageOf(request))));
  if (!started) return common::Fail(started.error());
  visitor.cookie = started->cookie;
  return SessionSetCookie(visitor.cookie, web.SecureCookies(), false);
}

void AddVisitorToView(const Visitor& visitor, ui::View& view) {
  if (!visitor.SignedIn()) return;
  ui::View& row = view.AddRow("signed_in");
  const app::Caller& caller = *visitor.caller;
  row.Set("account_name", caller.person_name == caller.account.display_name
                              ? caller.person_name
                              : caller.person_name + " · " + caller.account.display_name);
  row.Set("csrf", app::SessionService::CsrfToken(visitor.cookie));
  if (caller.is_operator) row.Show("operator");
}

HttpResponse RenderPage(const WebContext& web, const HttpRequest& request, std::string_view page,
                        const ui::View& view, int status) {
  const ui::Language language = LanguageOf(request);
  auto html = web.pages.RenderPage(page, {language, request.target, web.demo}, view);
  if (!html) {
    // A template that cannot render is a bug; the plain fallback keeps the answer honest.
    return HttpResponse::Text(500, "internal error: " + html.error().message);
  }
  HttpResponse response = HttpResponse::Text(status, std::move(*html), "text/html; charset=utf-8");
  response.SetHeader("Content-Language", std::string(ui::LanguageCode(language)));
  AddPageHeaders(response);
  if (auto chosen = request.Query("lang"); chosen && ui::LanguageFromTag(*chosen)) {
    std::string cookie = std::string(kLanguageCookie) + "=" +
                         std::string(ui::LanguageCode(language)) +
                         "; Path=/; Max-Age=31536000; SameSite=Lax";
    if (web.SecureCookies()) cookie += "; Secure";
    response.headers.Add("Set-Cookie", std::move(cookie));
  }
  return response;
}

HttpResponse ErrorPage(const WebContext& web, const HttpRequest& request, int status,
                       std::string message_key) {
  ui::View view;
  view.Set("status", static_cast<std::int64_t>(status));
  view.Set("message", ui::MessageKey{std::move(message_key)});
  return RenderPage(web, request, "error.html", view, status);
}

HttpResponse ErrorPageFor(const WebContext& web, const HttpRequest& request,
                          const common::Error& error) {
  return ErrorPage(web, request, HttpStatusFor(error.code), ui::ErrorMessageKey(error.code));
}

HttpResponse SeeOther(std::string_view local_path) {
  return HttpResponse::Empty(303).SetHeader("Location", std::string(local_path));
}

std::string FormField(const HttpRequest& request, std::string_view name) {
  auto form = ParseQuery(request.body);
  if (!form) return {};
  for (const auto& [key, value] : *form) {
    if (key == name) return value;
  }
  return {};
}

std::string LocalPathOr(std::string_view candidate, std::string_view fallback) {
  const bool local = candidate.size() >= 1 && candidate[0] == '/' &&
                     (candidate.size() == 1 || (candidate[1] != '/' && candidate[1] != '\\')) &&
                     candidate.find_first_of("\r\n") == std::string_view::npos;
  return std::string(local ? candidate : fallback);
}

}  // namespace sealpost::http::web
