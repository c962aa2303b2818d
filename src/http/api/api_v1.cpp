#include "http/api/api_v1.hpp"

#include <charconv>

#include "http/api/api_json.hpp"
#include "http/http_response.hpp"
#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "http/request_authentication.hpp"
#include "ui/language_negotiation.hpp"

namespace sealpost::http::api {

namespace {

using common::ErrorCode;
using nlohmann::json;

constexpr std::size_t kDefaultPageSize = 50;
constexpr std::size_t kMaxPageSize = 200;

HttpResponse ProblemFor(const HttpRequest& request, const common::Error& error,
                        ProblemOptions options = {}) {
  options.instance = request.path;
  options.request_id = request.request_id;
  return HttpResponse::Problem(error, options);
}

common::Result<app::Caller> Authenticate(const ApiV1& api, const HttpRequest& request) {
  return AuthenticateRequest({api.authenticate, api.sessions}, request);
}

common::Result<app::PageRequest> PageOf(const HttpRequest& request) {
  app::PageRequest page;
  page.limit = kDefaultPageSize;
  if (auto limit = request.Query("limit")) {
    std::size_t n = 0;
    auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || ptr != limit->data() + limit->size() || n < 1 || n > kMaxPageSize) {
      return common::Fail(ErrorCode::kInvalidArgument, "limit must be a number from 1 to 200");
    }
    page.limit = n;
  }
  if (auto cursor = request.Query("cursor")) page.after = std::string(*cursor);
  page.limit += 1;  // one more than asked tells whether there is a next page
  return page;
}

template <typename T, typename F>
json PageJson(std::vector<T>& rows, const app::PageRequest& page, F&& to_json, auto&& id_of) {
  json out = json::array();
  bool more = rows.size() >= page.limit;
  if (more) rows.pop_back();
  for (const auto& r : rows) out.push_back(to_json(r));
  return {{"items", out},
          {"next_cursor", more && !rows.empty() ? json(id_of(rows.back())) : json(nullptr)}};
}

// Reads an optional string member; null counts as absent.
common::Result<std::string> OptionalString(const json& object, const char* name,
                                           const std::string& where) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return common::Fail(ErrorCode::kInvalidArgument, where + name + " must be a string");
  return it->get<std::string>();
}

common::Result<app::SubmitItemRequest> ParseItemJson(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return common::Fail(ErrorCode::kInvalidArgument, "the item part must be a JSON object");
  }
  app::SubmitItemRequest r;
  auto subject = OptionalString(doc, "subject", "");
  if (!subject) return common::Fail(subject.error());
  auto message = OptionalString(doc, "message", "");
  if (!message) return common::Fail(message.error());
  auto language = OptionalString(doc, "language", "");
  if (!language) return common::Fail(language.error());
  r.subject = *subject;
  r.message = *message;
  r.language = *language;
  auto recipients = doc.find("recipients");
  if (recipients == doc.end() || !recipients->is_array()) {
    return common::Fail(ErrorCode::kInvalidArgument, "recipients must be an array of objects");
  }
  for (std::size_t i = 0; i < recipients->size(); ++i) {
    const json& rc = (*recipients)[i];
    std::string where = "recipients[" + std::to_string(i) + "].";
    if (!rc.is_object())
      return common::Fail(ErrorCode::kInvalidArgument, where + " must be an object");
    domain::Recipient out;
    for (auto [field, target] : {std::pair{"email", &out.email}, std::pair{"name", &out.name},
                                 std::pair{"enterprise_number", &out.enterprise_number},
                                 std::pair{"national_number", &out.national_number},
                                 std::pair{"language", &out.language}}) {
      auto value = OptionalString(rc, field, where);
      if (!value) return common::Fail(value.error());
      *target = *value;
    }
    r.recipients.push_back(std::move(out));
  }
  return r;
}

common::Result<app::SubmitItemRequest> ParseSubmission(const HttpRequest& request) {
  std::string content_type(request.Header("Content-Type").value_or(""));
  auto form = ParseMultipart(content_type, request.body);
  if (!form) return common::Fail(form.error());
  const MultipartPart* item_part = form->Find("item");
  if (item_part == nullptr) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the multipart body needs a JSON part named 'item'");
  }
  auto parsed = ParseItemJson(item_part->body);
  if (!parsed) return parsed;
  for (const auto& part : form->parts) {
    if (&part == item_part) continue;
    if (!part.filename) {
      return common::Fail(ErrorCode::kInvalidArgument, "unexpected form field '" + part.name + "'");
    }
    std::string type = part.content_type;
    if (auto semi = type.find(';'); semi != std::string::npos) type.resize(semi);
    parsed->attachments.push_back({*part.filename, type, part.body});
  }
  return parsed;
}

HttpResponse Submit(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto submission = ParseSubmission(request);
  if (!submission) return ProblemFor(request, submission.error());
  auto outcome = api.submit_item.Execute(*caller, std::move(*submission));
  if (!outcome) {
    // Nothing was created: the balance (or a postpaid plan's credit limit) does not cover the
    // deliveries. 402 with a type of its own, so that a client can offer to top up.
    ProblemOptions payment{.status = std::nullopt,
                           .instance = request.path,
                           .request_id = request.request_id,
                           .extensions = nlohmann::json::object()};
    if (outcome.error().reason == "insufficient_balance") {
      return ProblemResponse(402, "insufficient_balance", "Insufficient balance",
                             outcome.error().message, payment);
    }
    if (outcome.error().reason == "credit_limit_exceeded") {
      return ProblemResponse(402, "credit_limit_exceeded", "Credit limit reached",
                             outcome.error().message, payment);
    }
    return ProblemFor(request, outcome.error());
  }
  if (auto* rejected = std::get_if<app::SubmissionRejected>(&*outcome)) {
    ProblemOptions options;
    options.status = 422;
    options.extensions = {{"item_id", rejected->item_id},
                          {"evidence_id", rejected->evidence_id},
                          {"reason", rejected->error.reason}};
    return ProblemFor(request, rejected->error, options);
  }
  const auto& submitted = std::get<app::SubmittedItem>(*outcome);
  return HttpResponse::Json(201, ItemJson(submitted.item, submitted.deliveries))
      .SetHeader("Location", "/api/v1/items/" + submitted.item.id);
}

HttpResponse ListItems(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto page = PageOf(request);
  if (!page) return ProblemFor(request, page.error());
  auto views = api.queries.ListItems(*caller, *page);
  if (!views) return ProblemFor(request, views.error());
  return HttpResponse::Json(
      200, PageJson(
               *views, *page, [](const app::ItemView& v) { return ItemJson(v.item, v.deliveries); },
               [](const app::ItemView& v) { return v.item.id; }));
}

HttpResponse GetItem(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto view = api.queries.GetItem(*caller, std::string(*request.Param("id")));
  if (!view) return ProblemFor(request, view.error());
  return HttpResponse::Json(200, ItemJson(view->item, view->deliveries));
}

HttpResponse ListEvidence(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto records = api.queries.ListEvidence(*caller, std::string(*request.Param("id")));
  if (!records) return ProblemFor(request, records.error());
  json out = json::array();
  for (const auto& r : *records) out.push_back(EvidenceSummaryJson(r));
  return HttpResponse::Json(200, {{"items", out}});
}

HttpResponse GetEvidence(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto record = api.queries.GetEvidence(*caller, std::string(*request.Param("id")));
  if (!record) return ProblemFor(request, record.error());
  std::string name = std::string(domain::EventName(record->event)) + "-" + record->id + ".xml";
  return HttpResponse::Bytes(200, "application/xml", record->sealed_xml, name);
}

HttpResponse ProofBundle(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  std::string item_id(*request.Param("id"));
  auto files = api.proof_bundle.Execute(*caller, item_id);
  if (!files) return ProblemFor(request, files.error());
  auto zip = api.archive_writer.Write(*files);
  if (!zip) return ProblemFor(request, zip.error());
  return HttpResponse::Bytes(200, "application/zip", std::move(*zip),
                             "sealpost-proof-" + item_id + ".zip");
}

HttpResponse Inbox(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto page = PageOf(request);
  if (!page) return ProblemFor(request, page.error());
  auto entries = api.queries.ListInbox(*caller, *page);
  if (!entries) return ProblemFor(request, entries.error());
  return HttpResponse::Json(200, PageJson(*entries, *page, InboxEntryJson,
                                          [](const app::InboxEntry& e) { return e.delivery.id; }));
}

HttpResponse Content(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto content = api.hand_over.Execute(*caller, std::string(*request.Param("id")));
  if (!content) return ProblemFor(request, content.error());
  json attachments = json::array();
  for (const auto& a : content->item.attachments) attachments.push_back(AttachmentJson(a));
  return HttpResponse::Json(200,
                            {{"delivery_id", content->delivery.id},
                             {"item_id", content->item.id},
                             {"sender", {{"name", content->sender_name}}},
                             {"submitted_at", common::FormatRfc3339(content->item.submitted_at)},
                             {"subject", content->item.subject},
                             {"message", content->item.message},
                             {"attachments", attachments},
                             {"state", domain::StateName(content->delivery.state)}});
}

HttpResponse Attachment(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto file = api.hand_over.Attachment(*caller, std::string(*request.Param("id")),
                                       std::string(*request.Param("attachment_id")));
  if (!file) return ProblemFor(request, file.error());
  return HttpResponse::Bytes(200, file->attachment.content_type, std::move(file->data),
                             file->attachment.file_name)
      .SetHeader("Digest", "sha-256=" + file->attachment.sha256);
}

HttpResponse Certificate(const ApiV1& api, const HttpRequest& request) {
  auto caller = Authenticate(api, request);
  if (!caller) return ProblemFor(request, caller.error());
  // ?lang= names exactly one of the four languages (a typo must not silently give Dutch);
  // without it, the Accept-Language header decides.
  const std::string_view lang = request.Query("lang").value_or("");
  if (auto chosen = ui::LanguageFromTag(lang);
      !lang.empty() && (!chosen || ui::LanguageCode(*chosen) != lang)) {
    return ProblemFor(
        request, common::Error{ErrorCode::kInvalidArgument, "lang must be nl, fr, en or de", ""});
  }
  if (api.certificate == nullptr) {
    return ProblemFor(request, common::Error{ErrorCode::kUnavailable,
                                             "certificates are not available on this server", ""});
  }
  const ui::Language language =
      ui::NegotiateLanguage({lang}, request.Header("Accept-Language").value_or(""));
  auto certificate = api.certificate->Execute(*caller, std::string(*request.Param("id")),
                                              ui::LanguageCode(language));
  if (!certificate) return ProblemFor(request, certificate.error());
  return HttpResponse::Bytes(200, "application/pdf", std::move(certificate->pdf),
                             certificate->file_name)
      .SetHeader("Content-Language", std::string(ui::LanguageCode(language)))
      .SetHeader("Vary", "Accept-Language");
}

}  // namespace

void AddApiV1Routes(Router& router, const ApiV1& api) {
  auto bind = [&api](HttpResponse (*handler)(const ApiV1&, const HttpRequest&)) {
    return [api, handler](const HttpRequest& request) { return handler(api, request); };
  };
  router.Add("POST", "/api/v1/items", bind(Submit));
  router.Add("GET", "/api/v1/items", bind(ListItems));
  router.Add("GET", "/api/v1/items/{id}", bind(GetItem));
  router.Add("GET", "/api/v1/items/{id}/evidence", bind(ListEvidence));
  router.Add("GET", "/api/v1/items/{id}/proof-bundle", bind(ProofBundle));
  router.Add("GET", "/api/v1/evidence/{id}", bind(GetEvidence));
  router.Add("GET", "/api/v1/inbox", bind(Inbox));
  router.Add("GET", "/api/v1/deliveries/{id}/content", bind(Content));
  router.Add("GET", "/api/v1/deliveries/{id}/attachments/{attachment_id}", bind(Attachment));
  router.Add("GET", "/api/v1/deliveries/{id}/certificate", bind(Certificate));
}

}  // namespace sealpost::http::api
