#include "http/web/sandbox_checkout_pages.hpp"

#include <optional>
#include <string>

namespace sealpost::http::web {
namespace {

constexpr std::string_view kPage = "sandbox_checkout.html";

std::string PagePath(std::string_view id) {
  return std::string(app::SandboxCheckout::kPathPrefix) + std::string(id);
}

std::optional<app::SandboxOutcome> OutcomeOf(std::string_view text) {
  if (text == "paid") return app::SandboxOutcome::kPaid;
  if (text == "failed") return app::SandboxOutcome::kFailed;
  if (text == "canceled") return app::SandboxOutcome::kCanceled;
  if (text == "expired") return app::SandboxOutcome::kExpired;
  return std::nullopt;
}

ui::Value MethodLabel(std::string_view method) {
  if (method.empty()) return ui::MessageKey{"sandbox_checkout.method_any"};
  if (method == "bancontact" || method == "creditcard" || method == "paypal") {
    return ui::MessageKey{"sandbox_checkout.method_" + std::string(method)};
  }
  return std::string(method);
}

// The return URL as a local path when it points at this site; "/account" otherwise (the page
// never sends a browser elsewhere).
std::string ReturnPath(const WebContext& web, std::string_view return_url) {
  std::string_view path = return_url;
  if (!web.public_base_url.empty() && path.starts_with(web.public_base_url)) {
    path.remove_prefix(web.public_base_url.size());
  } else if (!path.starts_with("/")) {
    return "/account";
  }
  return LocalPathOr(path, "/account");
}

HttpResponse Show(const SandboxCheckoutPages& p, const HttpRequest& request) {
  const std::string id(request.Param("id").value_or(""));
  auto payment = p.sandbox->Find(id);
  if (!payment) return ErrorPageFor(p.web, request, payment.error());
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  auto set_cookie = EnsureSession(p.web, request, *visitor);
  if (!set_cookie) return ErrorPageFor(p.web, request, set_cookie.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("amount", ui::Money{payment->amount});
  view.Set("description", payment->description);
  view.Set("method", MethodLabel(payment->method));
  view.Set("payment_id", payment->id);
  if (payment->status == domain::PaymentStatus::kOpen) {
    ui::View& form = view.AddRow("choose");
    form.Set("action", PagePath(payment->id));
    form.Set("csrf", app::SessionService::CsrfToken(visitor->cookie));
  } else {
    ui::View& done = view.AddRow("settled");
    done.Set("status", ui::MessageKey{"sandbox_checkout.status_" +
                                      std::string(domain::PaymentStatusName(payment->status))});
    done.Set("return_path", ReturnPath(p.web, payment->return_url));
  }
  HttpResponse response = RenderPage(p.web, request, kPage, view);
  if (!set_cookie->empty()) response.headers.Add("Set-Cookie", *set_cookie);
  return response;
}

HttpResponse Choose(const SandboxCheckoutPages& p, const HttpRequest& request) {
  const std::string id(request.Param("id").value_or(""));
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (visitor->cookie.empty() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  auto outcome = OutcomeOf(FormField(request, "outcome"));
  if (!outcome) return ErrorPage(p.web, request, 400, "error.invalid_argument");
  auto settled = p.sandbox->Settle(id, *outcome);
  if (!settled) {
    // A second choice (double click, back button): the page shows what was chosen first.
    if (settled.error().reason == "payment_final") return SeeOther(PagePath(id));
    return ErrorPageFor(p.web, request, settled.error());
  }
  return SeeOther(ReturnPath(p.web, settled->payment.return_url));
}

}  // namespace

void AddSandboxCheckoutPages(Router& router, const SandboxCheckoutPages& pages) {
  const std::string pattern = std::string(app::SandboxCheckout::kPathPrefix) + "{id}";
  router.Add("GET", pattern, [pages](const HttpRequest& r) { return Show(pages, r); });
  router.Add("POST", pattern, [pages](const HttpRequest& r) { return Choose(pages, r); });
}

}  // namespace sealpost::http::web
