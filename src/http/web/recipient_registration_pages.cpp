#include "http/web/recipient_registration_pages.hpp"

#include "domain/recipient_address.hpp"

namespace sealpost::http::web {

namespace {

constexpr std::string_view kPage = "/account/recipient";

struct FormState {
  std::string email;
  std::string error_field;  // "email" or "consent"
  std::string error_key;
};

HttpResponse StatusPage(const RecipientRegistrationPages& p, const HttpRequest& request,
                        const Visitor& visitor, const FormState& form, int status) {
  auto current = p.registration.Status(*visitor.caller);
  if (!current) return ErrorPageFor(p.web, request, current.error());
  ui::View view;
  AddVisitorToView(visitor, view);
  const std::string csrf = app::SessionService::CsrfToken(visitor.cookie);
  view.Set("csrf", csrf);
  view.Set("account_name", visitor.caller->account.display_name);
  view.Set("handover_days", static_cast<std::int64_t>(p.handover_days));
  if (current->consent) {
    ui::View& row = view.AddRow("registered");
    row.Set("given_at", ui::DateTime{current->consent->given_at});
    row.Set("identity", current->consent->identity);
    row.Set("csrf", csrf);
  } else {
    view.Show("not_registered");
  }
  if (request.Query("requested") == "1") view.Show("requested");
  if (request.Query("revoked") == "1") view.Show("revoked");
  const common::TimePoint now = p.clock.Now();
  for (const auto& a : current->addresses) {
    ui::View& row = view.AddRow("addresses");
    row.Set("email", a.email);
    const auto state = a.StatusAt(now);
    row.Set("state", ui::MessageKey{"registration.address." +
                                    std::string(domain::RecipientAddressStatusName(state))});
    if (a.verified_at) row.AddRow("verified").Set("verified_at", ui::DateTime{*a.verified_at});
    if (state == domain::RecipientAddressStatus::kPending) {
      row.AddRow("pending").Set("expires_at", ui::DateTime{a.expires_at});
    }
    row.Set("remove_action", std::string(kPage) + "/addresses/" + a.id + "/remove");
    row.Set("csrf", csrf);
  }
  if (current->addresses.empty()) view.Show("no_addresses");
  view.Set("email", form.email.empty() ? visitor.caller->account.email : form.email);
  if (!form.error_key.empty()) {
    view.AddRow(form.error_field + "_error").Set("message", ui::MessageKey{form.error_key});
  }
  return RenderPage(p.web, request, "account/recipient.html", view, status);
}

common::Result<Visitor> SignedInVisitor(const RecipientRegistrationPages& p,
                                        const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return visitor;
  if (!visitor->SignedIn()) {
    return common::Fail(common::ErrorCode::kUnauthenticated, "sign in first");
  }
  return visitor;
}

// A form post from a signed-in visitor with a valid CSRF token, or the reason it is refused.
common::Result<Visitor> FormVisitor(const RecipientRegistrationPages& p,
                                    const HttpRequest& request) {
  auto visitor = SignedInVisitor(p, request);
  if (!visitor || !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return common::Fail(common::ErrorCode::kPermissionDenied, "form expired");
  }
  return visitor;
}

HttpResponse Show(const RecipientRegistrationPages& p, const HttpRequest& request) {
  auto visitor = SignedInVisitor(p, request);
  if (!visitor) {
    if (visitor.error().code == common::ErrorCode::kUnauthenticated) {
      return SeeOther("/sign-in?return_to=/account/recipient");
    }
    return ErrorPageFor(p.web, request, visitor.error());
  }
  return StatusPage(p, request, *visitor, {}, 200);
}

HttpResponse Register(const RecipientRegistrationPages& p, const HttpRequest& request) {
  auto visitor = FormVisitor(p, request);
  if (!visitor) return ErrorPage(p.web, request, 403, "error.form_expired");
  FormState form{FormField(request, "email"), "", ""};
  const bool consent = FormField(request, "consent") == "yes";
  auto registered = p.registration.Register(*visitor->caller, form.email, consent,
                                            std::string(ui::LanguageCode(LanguageOf(request))));
  if (!registered) {
    const auto code = registered.error().code;
    if (code == common::ErrorCode::kInvalidArgument && !consent) {
      form.error_field = "consent";
      form.error_key = "registration.consent_required";
    } else if (code == common::ErrorCode::kInvalidArgument) {
      form.error_field = "email";
      form.error_key = "registration.email_invalid";
    } else if (code == common::ErrorCode::kFailedPrecondition) {
      form.error_field = "email";
      form.error_key = "registration.email_confirmed_already";
    } else {
      return ErrorPageFor(p.web, request, registered.error());
    }
    return StatusPage(p, request, *visitor, form, 400);
  }
  return SeeOther(std::string(kPage) + "?requested=1");
}

HttpResponse Revoke(const RecipientRegistrationPages& p, const HttpRequest& request) {
  auto visitor = FormVisitor(p, request);
  if (!visitor) return ErrorPage(p.web, request, 403, "error.form_expired");
  auto revoked = p.registration.Revoke(*visitor->caller);
  if (!revoked && revoked.error().code != common::ErrorCode::kFailedPrecondition) {
    return ErrorPageFor(p.web, request, revoked.error());
  }
  return SeeOther(std::string(kPage) + "?revoked=1");
}

HttpResponse RemoveAddress(const RecipientRegistrationPages& p, const HttpRequest& request) {
  auto visitor = FormVisitor(p, request);
  if (!visitor) return ErrorPage(p.web, request, 403, "error.form_expired");
  auto removed = p.registration.RemoveAddress(*visitor->caller, std::string(*request.Param("id")));
  if (!removed) return ErrorPageFor(p.web, request, removed.error());
  return SeeOther(kPage);
}

// The link of the verification e-mail: a page with a confirm button (GET changes nothing).
HttpResponse ShowVerification(const RecipientRegistrationPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  auto set_cookie = EnsureSession(p.web, request, *visitor);
  if (!set_cookie) return ErrorPageFor(p.web, request, set_cookie.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  ui::View& form = view.AddRow("confirm");
  form.Set("action", std::string(request.raw_path));
  form.Set("csrf", app::SessionService::CsrfToken(visitor->cookie));
  HttpResponse response = RenderPage(p.web, request, "recipient_verify.html", view);
  if (!set_cookie->empty()) response.headers.Add("Set-Cookie", *set_cookie);
  return response;
}

HttpResponse Verify(const RecipientRegistrationPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (visitor->cookie.empty() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  auto verified = p.registration.Verify(*request.Param("token"));
  ui::View view;
  AddVisitorToView(*visitor, view);
  if (!verified) {
    switch (verified.error().code) {
      case common::ErrorCode::kNotFound:
        return ErrorPage(p.web, request, 404, "registration.verify.unknown");
      case common::ErrorCode::kFailedPrecondition:
        return ErrorPage(p.web, request, 410, "registration.verify.unusable");
      default:
        return ErrorPageFor(p.web, request, verified.error());
    }
  }
  ui::View& done = view.AddRow("verified");
  done.Set("email", verified->address.email);
  if (verified->consent_started) done.Show("consent_started");
  return RenderPage(p.web, request, "recipient_verify.html", view);
}

}  // namespace

void AddRecipientRegistrationPages(Router& router, const RecipientRegistrationPages& pages) {
  auto bind =
      [pages](HttpResponse (*handler)(const RecipientRegistrationPages&, const HttpRequest&)) {
        return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
      };
  router.Add("GET", "/account/recipient", bind(Show));
  router.Add("POST", "/account/recipient", bind(Register));
  router.Add("POST", "/account/recipient/revoke", bind(Revoke));
  router.Add("POST", "/account/recipient/addresses/{id}/remove", bind(RemoveAddress));
  router.Add("GET", "/recipient/verify/{token}", bind(ShowVerification));
  router.Add("POST", "/recipient/verify/{token}", bind(Verify));
}

}  // namespace sealpost::http::web
