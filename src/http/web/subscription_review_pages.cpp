#include "http/web/subscription_review_pages.hpp"

#include <nlohmann/json.hpp>
#include <variant>

#include "domain/belgian_identifiers.hpp"
#include "domain/subscription_request_state.hpp"
#include "http/multipart.hpp"
#include "http/web/item_page_support.hpp"
#include "http/web/subscription_pages.hpp"

namespace sealpost::http::web {

namespace {

using common::ErrorCode;

constexpr std::string_view kPath = "/operator/subscriptions";

std::string Formatted(const std::string& digits, bool enterprise) {
  if (enterprise) {
    auto parsed = domain::EnterpriseNumber::Parse(digits);
    return parsed ? parsed->Formatted() : digits;
  }
  auto parsed = domain::NationalNumber::Parse(digits);
  return parsed ? parsed->Formatted() : digits;
}

std::string StateKey(domain::SubscriptionState state) {
  return "subscription_flow.state." + std::string(domain::SubscriptionStateName(state));
}

std::string VerdictKey(domain::SignatureVerdict verdict) {
  return "subscription_flow.verdict." + std::string(domain::SignatureVerdictName(verdict));
}

// An operator's visit; anyone else gets the 404 page.
std::variant<Visitor, HttpResponse> OperatorVisit(const SubscriptionReviewPages& p,
                                                  const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn() || !visitor->caller->is_operator) {
    return ErrorPageFor(p.web, request, common::Error{ErrorCode::kNotFound, "not found", ""});
  }
  return std::move(*visitor);
}

HttpResponse Queue(const SubscriptionReviewPages& p, const HttpRequest& request) {
  auto visit = OperatorVisit(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&visit)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(visit);
  auto queue = p.review.Queue(*visitor.caller);
  if (!queue) return ErrorPageFor(p.web, request, queue.error());
  ui::View view;
  AddVisitorToView(visitor, view);
  for (const auto& record : *queue) {
    const domain::SubscriptionRequest& r = record.request;
    ui::View& row = view.AddRow("requests");
    row.Set("company", r.company_name)
        .Set("enterprise_number", Formatted(r.enterprise_number, true))
        .Set("state", ui::MessageKey{StateKey(r.state)})
        .Set("verdict", ui::MessageKey{VerdictKey(r.signature.verdict)})
        .Set("href", std::string(kPath) + "/" + r.id)
        .Set("updated_at", ui::DateTime{r.updated_at});
  }
  if (queue->empty()) view.Show("empty");
  return RenderPage(p.web, request, "operator/subscriptions.html", view);
}

HttpResponse Detail(const SubscriptionReviewPages& p, const HttpRequest& request) {
  auto visit = OperatorVisit(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&visit)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(visit);
  const std::string id(*request.Param("id"));
  auto found = p.review.Find(*visitor.caller, id);
  if (!found) return ErrorPageFor(p.web, request, found.error());
  const domain::SubscriptionRequest& r = found->record.request;
  const std::string csrf = app::SessionService::CsrfToken(visitor.cookie);
  const std::string base = std::string(kPath) + "/" + r.id;
  ui::View view;
  AddVisitorToView(visitor, view);
  view.Set("reference", r.id)
      .Set("company", r.company_name)
      .Set("enterprise_number", Formatted(r.enterprise_number, true))
      .Set("state", ui::MessageKey{StateKey(r.state)})
      .Set("path", ui::MessageKey{"subscription_flow.path." +
                                  std::string(domain::SubscriptionPathName(r.path))})
      .Set("contact_email", r.contact_email)
      .Set("contact_phone", r.contact_phone)
      .Set("requester", found->requester ? found->requester->display_name : r.requester_account_id)
      .Set("created_at", ui::DateTime{r.created_at});
  AddMessageLines(r.company_address, view);
  if (r.submitted_at) view.AddRow("submitted").Set("submitted_at", ui::DateTime{*r.submitted_at});
  if (!r.refusal_reason.empty()) view.AddRow("last_refusal").Set("reason", r.refusal_reason);
  for (std::size_t i = 0; i < r.representatives.size(); ++i) {
    const auto& rep = r.representatives[i];
    ui::View& row = view.AddRow("representatives");
    row.Set("name", rep.name)
        .Set("national_number", rep.national_number ? Formatted(*rep.national_number, false) : "");
    if (r.signature.matched_representative == i) row.Show("matched");
  }
  if (found->kbo) {
    const app::KboRecord& k = *found->kbo;
    view.AddRow("kbo")
        .Set("kbo_name", k.name)
        .Set("kbo_status", k.enterprise.status)
        .Set("kbo_form", k.enterprise.juridical_form)
        .Set("kbo_start", k.enterprise.start_date)
        .Set("kbo_address", k.address.street_nl + " " + k.address.house_number + " " +
                                k.address.box + ", " + k.address.zipcode + " " +
                                k.address.municipality_nl);
  } else {
    view.Show("no_kbo");
  }
  for (const auto& d : r.documents) {
    view.AddRow("documents")
        .Set("file_name", d.file_name)
        .Set("kind", ui::MessageKey{"subscription_flow.kind." +
                                    std::string(domain::SubscriptionDocumentKindName(d.kind))})
        .Set("content_type", d.content_type)
        .Set("size", ui::FileSize{d.size_bytes})
        .Set("sha256", d.sha256)
        .Set("href", base + "/documents/" + d.id);
  }
  if (r.signature.verdict != domain::SignatureVerdict::kNotChecked) {
    ui::View& report = view.AddRow("signature");
    report.Set("verdict", ui::MessageKey{VerdictKey(r.signature.verdict)})
        .Set("verdict_code", std::string(domain::SignatureVerdictName(r.signature.verdict)))
        .Set("signer_name", r.signature.signer_name)
        .Set("signer_national_number", r.signature.signer_national_number.empty()
                                           ? std::string()
                                           : Formatted(r.signature.signer_national_number, false));
    if (r.signature.signed_at)
      report.AddRow("signed").Set("signed_at", ui::DateTime{*r.signature.signed_at});
    report.Set("match",
               ui::MessageKey{r.signature.matched_representative ? "subscription_flow.match.yes"
                                                                 : "subscription_flow.match.no"});
    if (r.signature.verdict != domain::SignatureVerdict::kValid ||
        !r.signature.matched_representative) {
      report.Show("flagged");
    }
    auto json = nlohmann::json::parse(found->record.signature_report_json, nullptr, false);
    if (!json.is_discarded() && json.contains("signatures")) {
      for (const auto& s : json["signatures"]) {
        ui::View& row = report.AddRow("details");
        row.Set("field", s.value("field", ""))
            .Set("pdf_verdict", s.value("verdict", ""))
            .Set("covers_whole_file", s.value("covers_whole_file", false) ? "yes" : "no")
            .Set("digest_ok", s.value("digest_ok", false) ? "yes" : "no")
            .Set("chain_trusted", s.value("chain_trusted", false) ? "yes" : "no")
            .Set("chain_error", s.value("chain_error", ""))
            .Set("subject", s.contains("signer") ? s["signer"].value("subject", "") : "")
            .Set("issuer", s.contains("signer") ? s["signer"].value("issuer", "") : "");
        if (s.contains("problems")) {
          for (const auto& problem : s["problems"]) {
            if (problem.is_string())
              row.AddRow("problems").Set("problem", problem.get<std::string>());
          }
        }
      }
    }
  }
  if (r.state == domain::SubscriptionState::kAwaitingPaper) {
    view.AddRow("paper").Set("csrf", csrf).Set("action", base + "/paper");
  }
  if (r.state == domain::SubscriptionState::kSubmitted) {
    view.AddRow("decide")
        .Set("csrf", csrf)
        .Set("approve_action", base + "/approve")
        .Set("refuse_action", base + "/refuse");
  }
  return RenderPage(p.web, request, "operator/subscription.html", view);
}

HttpResponse Document(const SubscriptionReviewPages& p, const HttpRequest& request) {
  auto visit = OperatorVisit(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&visit)) return std::move(*answer);
  auto content =
      p.review.Document(*std::get<Visitor>(visit).caller, std::string(*request.Param("id")),
                        std::string(*request.Param("document")));
  if (!content) return ErrorPageFor(p.web, request, content.error());
  return InlineDocument(content->document.content_type, std::move(content->content),
                        content->document.file_name);
}

HttpResponse AfterChange(const SubscriptionReviewPages& p, const HttpRequest& request,
                         const common::Result<void>& done, const std::string& id) {
  if (!done) {
    if (done.error().code == ErrorCode::kFailedPrecondition) {
      return ErrorPage(p.web, request, 409, "subscription_flow.not_possible_now");
    }
    if (done.error().code == ErrorCode::kInvalidArgument) {
      return ErrorPage(p.web, request, 422, "subscription_flow.error.reason");
    }
    return ErrorPageFor(p.web, request, done.error());
  }
  return SeeOther(std::string(kPath) + "/" + id);
}

HttpResponse Decide(const SubscriptionReviewPages& p, const HttpRequest& request, bool approve) {
  auto visit = OperatorVisit(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&visit)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(visit);
  if (!app::SessionService::CheckCsrf(visitor.cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const std::string id(*request.Param("id"));
  auto done = approve ? p.review.Approve(*visitor.caller, id)
                      : p.review.Refuse(*visitor.caller, id, FormField(request, "reason"));
  return AfterChange(p, request, done, id);
}

HttpResponse Approve(const SubscriptionReviewPages& p, const HttpRequest& request) {
  return Decide(p, request, true);
}

HttpResponse Refuse(const SubscriptionReviewPages& p, const HttpRequest& request) {
  return Decide(p, request, false);
}

HttpResponse Paper(const SubscriptionReviewPages& p, const HttpRequest& request) {
  auto visit = OperatorVisit(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&visit)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(visit);
  auto form = ParseMultipart(request.Header("Content-Type").value_or(""), request.body);
  if (!form) return ErrorPageFor(p.web, request, form.error());
  const MultipartPart* csrf = form->Find("csrf");
  if (csrf == nullptr || !app::SessionService::CheckCsrf(visitor.cookie, csrf->body)) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const MultipartPart* file = form->Find("scan");
  if (file == nullptr || file->body.empty()) {
    return ErrorPage(p.web, request, 422, "subscription_flow.error.no_file");
  }
  const std::string id(*request.Param("id"));
  app::SubscriptionUpload scan{domain::SubscriptionDocumentKind::kPaperScan,
                               file->filename.value_or("scan"), file->content_type, file->body};
  auto done = p.review.RecordPaperReceipt(*visitor.caller, id, scan);
  if (!done && done.error().code == ErrorCode::kInvalidArgument) {
    return ErrorPage(p.web, request, 422, "subscription_flow.error.file_type");
  }
  return AfterChange(p, request, done, id);
}

}  // namespace

void AddSubscriptionReviewPages(Router& router, const SubscriptionReviewPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const SubscriptionReviewPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/operator/subscriptions", bind(Queue));
  router.Add("GET", "/operator/subscriptions/{id}", bind(Detail));
  router.Add("GET", "/operator/subscriptions/{id}/documents/{document}", bind(Document));
  router.Add("POST", "/operator/subscriptions/{id}/approve", bind(Approve));
  router.Add("POST", "/operator/subscriptions/{id}/refuse", bind(Refuse));
  router.Add("POST", "/operator/subscriptions/{id}/paper", bind(Paper));
}

}  // namespace sealpost::http::web
