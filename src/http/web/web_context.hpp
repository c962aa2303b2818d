// WebContext: what every page handler of the web application shares — the templates and
// catalogues (src/ui), the session service, demo mode — and the helpers that turn a request into a
// page: the visitor's language (an explicit ?lang= choice, remembered in a cookie, then the
// browser's Accept-Language, then Dutch), who is signed in, rendering a page or an error page with
// the security headers every page carries. Stateless; thread-safe (the ui objects are immutable
// after loading, SessionService is thread-safe).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/caller.hpp"
#include "app/usecases/session_service.hpp"
#include "domain/session.hpp"
#include "http/http_request.hpp"
#include "http/http_response.hpp"
#include "ui/language.hpp"
#include "ui/template_renderer.hpp"
#include "ui/translator.hpp"
#include "ui/view.hpp"

namespace sealpost::http::web {

inline constexpr std::string_view kLanguageCookie = "sealpost_lang";

struct WebContext {
  const ui::TemplateRenderer& pages;
  const ui::Translator& translator;
  app::SessionService& sessions;
  std::string public_base_url;  // e.g. http://localhost:8080
  bool demo = false;

  bool SecureCookies() const { return public_base_url.starts_with("https://"); }
};

// Who is visiting: the session cookie, the live session (if any) and, when signed in, the Caller.
struct Visitor {
  std::string cookie;
  std::optional<domain::Session> session;
  std::optional<app::Caller> caller;

  bool SignedIn() const { return caller.has_value(); }
};

ui::Language LanguageOf(const HttpRequest& request);
// Resolves the session of the request's cookie; a missing or expired one yields an anonymous
// visitor. kUnavailable when the database cannot be asked.
common::Result<Visitor> VisitorOf(const WebContext& web, const HttpRequest& request);

// Makes sure the visitor has a session, so that the page's forms can carry a CSRF token: starts an
// anonymous one when there is none (in the visitor's language) and returns the Set-Cookie value
// the response must carry, or "" when the visitor had a session already.
common::Result<std::string> EnsureSession(const WebContext& web, const HttpRequest& request,
                                          Visitor& visitor);

// Fills the values the layout shows for a signed-in visitor (navigation, name, account acted for,
// sign-out form with its CSRF token).
void AddVisitorToView(const Visitor& visitor, ui::View& view);

// The security headers of every HTML page: Content-Security-Policy (our own scripts and styles
// only, no inline script), Referrer-Policy, X-Frame-Options and Cache-Control: no-store.
void AddPageHeaders(HttpResponse& response);

// `page` ("home.html") in the visitor's language, with status and security headers; remembers an
// explicit ?lang= choice in a cookie.
HttpResponse RenderPage(const WebContext& web, const HttpRequest& request, std::string_view page,
                        const ui::View& view, int status = 200);
// The error page with a catalogue message (e.g. ui::ErrorMessageKey(code), "error.form_expired").
HttpResponse ErrorPage(const WebContext& web, const HttpRequest& request, int status,
                       std::string message_key);
// The error page for a use case's error: the status and generic message of its code.
HttpResponse ErrorPageFor(const WebContext& web, const HttpRequest& request,
                          const common::Error& error);
// A 303 redirect to a local path (a form's answer: reloading the next page repeats nothing).
HttpResponse SeeOther(std::string_view local_path);

// The value of a urlencoded form field, or "" (first occurrence).
std::string FormField(const HttpRequest& request, std::string_view name);
// A local absolute path ("/x?y"), or "/" for anything that could leave the site.
std::string LocalPathOr(std::string_view candidate, std::string_view fallback);

}  // namespace sealpost::http::web
