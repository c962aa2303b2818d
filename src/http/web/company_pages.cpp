#include "http/web/company_pages.hpp"

#include "domain/belgian_identifiers.hpp"
#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

constexpr std::string_view kPage = "/account/company";

HttpResponse DetailsPage(const CompanyPages& p, const HttpRequest& request, const Visitor& visitor,
                         const std::string& typed_email, bool email_error, int status) {
  auto facts = p.details.Show(*visitor.caller);
  if (!facts) return ErrorPageFor(p.web, request, facts.error());
  const domain::Account& c = facts->company;
  ui::View view;
  AddVisitorToView(visitor, view);
  const domain::EnterpriseNumber number{c.enterprise_number};
  view.Set("company_name", c.display_name);
  view.Set("enterprise_number", number.Formatted());
  view.Set("vat_id", number.VatId());
  view.Set("email", c.email);
  view.Set("members", static_cast<std::int64_t>(facts->members));
  view.Set("created_at", ui::DateTime{c.created_at});
  view.Show(c.can_send ? "can_send" : "cannot_send");
  if (facts->kbo) {
    const app::KboRecord& k = *facts->kbo;
    ui::View& kbo = view.AddRow("kbo");
    kbo.Set("kbo_name", k.name);
    kbo.Set("kbo_status", k.enterprise.status);
    kbo.Set("kbo_start_date", k.enterprise.start_date);
    std::string street = k.address.street_nl.empty() ? k.address.street_fr : k.address.street_nl;
    if (!k.address.house_number.empty()) street += " " + k.address.house_number;
    if (!k.address.box.empty()) street += " " + k.address.box;
    const std::string municipality =
        k.address.municipality_nl.empty() ? k.address.municipality_fr : k.address.municipality_nl;
    kbo.Set("kbo_address", street + ", " + k.address.zipcode + " " + municipality);
  } else {
    view.Show("no_kbo");
  }
  if (facts->may_edit) {
    ui::View& form = view.AddRow("edit");
    form.Set("csrf", app::SessionService::CsrfToken(visitor.cookie));
    form.Set("new_email", typed_email.empty() ? c.email : typed_email);
    if (email_error) form.Show("email_error");
  }
  if (request.Query("saved") == "1") view.Show("saved");
  return RenderPage(p.web, request, "account/company.html", view, status);
}

HttpResponse Show(const CompanyPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  return DetailsPage(p, request, *visitor, "", false, 200);
}

HttpResponse ChangeEmail(const CompanyPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const std::string email = FormField(request, "email");
  auto changed = p.details.ChangeNotificationAddress(*visitor->caller, email);
  if (!changed) {
    if (changed.error().code == common::ErrorCode::kInvalidArgument) {
      return DetailsPage(p, request, *visitor, email, true, 400);
    }
    return ErrorPageFor(p.web, request, changed.error());
  }
  return SeeOther(std::string(kPage) + "?saved=1");
}

}  // namespace

void AddCompanyPages(Router& router, const CompanyPages& pages) {
  router.Add("GET", std::string(kPage),
             [pages](const HttpRequest& request) { return Show(pages, request); });
  router.Add("POST", std::string(kPage) + "/email",
             [pages](const HttpRequest& request) { return ChangeEmail(pages, request); });
}

}  // namespace sealpost::http::web
