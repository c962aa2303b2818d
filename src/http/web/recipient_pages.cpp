#include "http/web/recipient_pages.hpp"

namespace sealpost::http::web {

namespace {

HttpResponse Show(const RecipientPages& p, const HttpRequest& request) {
  const std::string token(*request.Param("token"));
  auto preview = p.decision.Preview(token);
  if (!preview) return ErrorPageFor(p.web, request, preview.error());
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("sender_name", preview->sender_name);
  view.Set("recipient_name", preview->recipient_name);
  if (preview->deadline) view.Set("deadline", ui::DateTime{*preview->deadline});
  if (preview->can_decide) {
    if (visitor->SignedIn()) {
      ui::View& forms = view.AddRow("decide");
      forms.Set("accept_action", std::string(request.raw_path) + "/accept");
      forms.Set("refuse_action", std::string(request.raw_path) + "/refuse");
      forms.Set("csrf", app::SessionService::CsrfToken(visitor->cookie));
    } else {
      view.AddRow("sign_in_first")
          .Set("sign_in_href", "/sign-in?return_to=" + std::string(request.raw_path));
    }
  } else {
    view.AddRow("decided").Set(
        "state_message",
        ui::MessageKey{"recipient.state." + std::string(domain::StateName(preview->state))});
    if (preview->state == domain::DeliveryState::kConsignmentAccepted ||
        preview->state == domain::DeliveryState::kHandedOver) {
      view.AddRow("open").Set("inbox_href", "/inbox/" + preview->delivery_id);
    }
  }
  return RenderPage(p.web, request, "delivery_link.html", view);
}

HttpResponse Decide(const RecipientPages& p, const HttpRequest& request, bool accept) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const std::string token(*request.Param("token"));
  auto decided =
      accept ? p.decision.Accept(*visitor->caller, token, FormField(request, "register") == "yes")
             : p.decision.Refuse(*visitor->caller, token);
  if (!decided) {
    if (decided.error().code == common::ErrorCode::kPermissionDenied) {
      return ErrorPage(p.web, request, 403, "recipient.mismatch");
    }
    return ErrorPageFor(p.web, request, decided.error());
  }
  return SeeOther(std::string("/d/") + token);
}

HttpResponse Accept(const RecipientPages& p, const HttpRequest& request) {
  return Decide(p, request, true);
}

HttpResponse Refuse(const RecipientPages& p, const HttpRequest& request) {
  return Decide(p, request, false);
}

}  // namespace

void AddRecipientPages(Router& router, const RecipientPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const RecipientPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/d/{token}", bind(Show));
  router.Add("POST", "/d/{token}/accept", bind(Accept));
  router.Add("POST", "/d/{token}/refuse", bind(Refuse));
}

}  // namespace sealpost::http::web
