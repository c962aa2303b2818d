#include "http/web/subscription_pages.hpp"

#include <algorithm>
#include <variant>

#include "common/text.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/subscription_request_state.hpp"
#include "http/multipart.hpp"
#include "http/uri.hpp"
#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

using common::ErrorCode;

constexpr std::string_view kPath = "/account/subscription";
constexpr std::size_t kRepresentativeRows = 3;

constexpr domain::SubscriptionDocumentKind kUploadKinds[] = {
    domain::SubscriptionDocumentKind::kSignedForm, domain::SubscriptionDocumentKind::kKboExtract,
    domain::SubscriptionDocumentKind::kGazette, domain::SubscriptionDocumentKind::kPowerOfAttorney};

std::string KindKey(domain::SubscriptionDocumentKind kind) {
  return "subscription_flow.kind." + std::string(domain::SubscriptionDocumentKindName(kind));
}

std::string BaseName(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

app::SubscriptionDraft DraftFromForm(const HttpRequest& request) {
  app::SubscriptionDraft draft;
  auto form = ParseQuery(request.body);
  if (!form) return draft;
  std::vector<std::string> names, numbers;
  for (const auto& [key, value] : *form) {
    if (key == "company_name") draft.company_name = value;
    if (key == "company_address") draft.company_address = value;
    if (key == "contact_email") draft.contact_email = value;
    if (key == "contact_phone") draft.contact_phone = value;
    if (key == "representative_name") names.push_back(value);
    if (key == "representative_national_number") numbers.push_back(value);
  }
  const std::size_t rows = std::min<std::size_t>(std::max(names.size(), numbers.size()), 10);
  for (std::size_t i = 0; i < rows; ++i) {
    draft.representatives.push_back(
        {i < names.size() ? names[i] : "", i < numbers.size() ? numbers[i] : ""});
  }
  return draft;
}

// Adds, for the field `id`, its error message (if any) and aria-invalid.
void AddFieldState(ui::View& view, std::string_view prefix, const std::string& id,
                   const std::vector<app::SubscriptionFieldError>& errors) {
  bool invalid = false;
  for (const auto& e : errors) {
    if (e.field != id) continue;
    view.AddRow(std::string(prefix) + "_error")
        .Set("message", ui::MessageKey{"subscription_flow.error." + e.code});
    invalid = true;
    break;
  }
  view.Set(std::string(prefix) + "_invalid", invalid ? "true" : "false");
}

struct PageState {
  std::optional<app::SubscriptionDraft> draft;  // typed input to show again
  std::vector<app::SubscriptionFieldError> errors;
  std::string upload_error;  // a message key
  int status = 200;
};

HttpResponse Show(const SubscriptionPages& p, const HttpRequest& request, const Visitor& visitor,
                  const PageState& state) {
  const app::Caller& caller = *visitor.caller;
  auto current = p.requests.Current(caller);
  if (!current) return ErrorPageFor(p.web, request, current.error());
  const std::string csrf = app::SessionService::CsrfToken(visitor.cookie);
  ui::View view;
  AddVisitorToView(visitor, view);
  view.Set("csrf", csrf);
  view.Set("company", caller.account.display_name);
  auto enterprise = domain::EnterpriseNumber::Parse(caller.account.enterprise_number);
  view.Set("enterprise_number",
           enterprise ? enterprise->Formatted() : caller.account.enterprise_number);
  view.Set("max_size", ui::FileSize{p.max_document_bytes});

  app::SubscriptionDraft draft;
  bool editable = true;
  if (*current) {
    const domain::SubscriptionRequest& r = (*current)->request;
    view.Set("reference", r.id);
    view.Set("state", ui::MessageKey{"subscription_flow.state." +
                                     std::string(domain::SubscriptionStateName(r.state))});
    view.Show("has_request");
    editable = domain::IsEditable(r.state) || r.state == domain::SubscriptionState::kRefused;
    if (r.state == domain::SubscriptionState::kRefused) {
      view.AddRow("refused").Set("reason", r.refusal_reason);
    }
    if (r.state == domain::SubscriptionState::kApproved) view.Show("approved");
    if (domain::IsUnderReview(r.state)) view.Show("under_review");
    draft.company_name = r.company_name;
    draft.company_address = r.company_address;
    draft.contact_email = r.contact_email;
    draft.contact_phone = r.contact_phone;
    for (const auto& rep : r.representatives) {
      draft.representatives.push_back({rep.name, rep.national_number.value_or("")});
    }
    ui::View& panel = view.AddRow("document_panel");
    for (const auto& d : r.documents) {
      ui::View& row = panel.AddRow("documents");
      row.Set("file_name", d.file_name)
          .Set("kind", ui::MessageKey{KindKey(d.kind)})
          .Set("size", ui::FileSize{d.size_bytes})
          .Set("uploaded_at", ui::DateTime{d.uploaded_at})
          .Set("href", std::string(kPath) + "/documents/" + d.id);
      if (editable) {
        row.AddRow("removable")
            .Set("action", std::string(kPath) + "/documents/" + d.id + "/remove")
            .Set("csrf", csrf);
      }
    }
  } else {
    auto prefill = p.requests.Prefill(caller);
    if (!prefill) return ErrorPageFor(p.web, request, prefill.error());
    draft = prefill->draft;
    if (prefill->from_kbo) view.Show("from_kbo");
  }
  if (state.draft) draft = *state.draft;
  if (editable) {
    ui::View& form = view.AddRow("edit");
    form.Set("csrf", csrf)
        .Set("company_name", draft.company_name)
        .Set("company_address", draft.company_address)
        .Set("contact_email", draft.contact_email)
        .Set("contact_phone", draft.contact_phone);
    AddFieldState(form, "company_name", "company_name", state.errors);
    AddFieldState(form, "company_address", "company_address", state.errors);
    AddFieldState(form, "contact_email", "contact_email", state.errors);
    AddFieldState(form, "contact_phone", "contact_phone", state.errors);
    AddFieldState(form, "representatives", "representatives", state.errors);
    const std::size_t rows = std::max(kRepresentativeRows, draft.representatives.size());
    for (std::size_t i = 0; i < rows; ++i) {
      ui::View& row = form.AddRow("representatives");
      const auto* rep = i < draft.representatives.size() ? &draft.representatives[i] : nullptr;
      row.Set("number", static_cast<std::int64_t>(i + 1))
          .Set("index", std::to_string(i))
          .Set("name", rep ? rep->name : "")
          .Set("national_number", rep ? rep->national_number : "");
      const std::string prefix = "representative_" + std::to_string(i) + "_";
      AddFieldState(row, "name", prefix + "name", state.errors);
      AddFieldState(row, "national_number", prefix + "national_number", state.errors);
    }
    if (!state.errors.empty()) form.Show("error_summary");
    if (*current) {
      ui::View& steps = view.AddRow("steps");
      steps.Set("csrf", csrf);
      for (auto kind : kUploadKinds) {
        steps.AddRow("kinds")
            .Set("value", std::string(domain::SubscriptionDocumentKindName(kind)))
            .Set("label", ui::MessageKey{KindKey(kind)});
      }
      steps.Set("upload_invalid", state.upload_error.empty() ? "false" : "true");
      if (!state.upload_error.empty()) {
        steps.AddRow("upload_error").Set("message", ui::MessageKey{state.upload_error});
      }
    }
  }
  return RenderPage(p.web, request, "account/subscription.html", view, state.status);
}

// The signed-in visitor acting for a company; otherwise the answer to give.
std::variant<Visitor, HttpResponse> Member(const SubscriptionPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) {
    if (request.method != "GET") return ErrorPage(p.web, request, 403, "error.form_expired");
    return SignInFirst(request);
  }
  if (visitor->caller->account.kind != domain::AccountKind::kCompany) {
    return ErrorPage(p.web, request, 403, "subscription_flow.company_only");
  }
  return std::move(*visitor);
}

HttpResponse ErrorOf(const SubscriptionPages& p, const HttpRequest& request,
                     const common::Error& error) {
  if (error.code == ErrorCode::kFailedPrecondition) {
    return ErrorPage(p.web, request, 409, "subscription_flow.not_possible_now");
  }
  if (error.code == ErrorCode::kPermissionDenied) {
    return ErrorPage(p.web, request, 403, "subscription_flow.not_allowed");
  }
  return ErrorPageFor(p.web, request, error);
}

HttpResponse Page(const SubscriptionPages& p, const HttpRequest& request) {
  auto member = Member(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&member)) return std::move(*answer);
  return Show(p, request, std::get<Visitor>(member), {});
}

// Runs a urlencoded form's change for a member with the right token, then back to the page.
template <typename F>
HttpResponse Change(const SubscriptionPages& p, const HttpRequest& request, F&& change) {
  auto member = Member(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&member)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(member);
  if (!app::SessionService::CheckCsrf(visitor.cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  common::Result<void> done = change(*visitor.caller);
  if (!done) return ErrorOf(p, request, done.error());
  return SeeOther(kPath);
}

HttpResponse Save(const SubscriptionPages& p, const HttpRequest& request) {
  auto member = Member(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&member)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(member);
  if (!app::SessionService::CheckCsrf(visitor.cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const app::SubscriptionDraft draft = DraftFromForm(request);
  if (auto errors = app::CheckSubscriptionDraft(draft); !errors.empty()) {
    return Show(p, request, visitor, {draft, std::move(errors), "", 422});
  }
  auto saved = p.requests.Save(*visitor.caller, draft, ui::LanguageCode(LanguageOf(request)));
  if (!saved) return ErrorOf(p, request, saved.error());
  return SeeOther(kPath);
}

HttpResponse FormPdf(const SubscriptionPages& p, const HttpRequest& request) {
  auto member = Member(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&member)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(member);
  auto pdf = p.requests.ApprovalForm(*visitor.caller, ui::LanguageCode(LanguageOf(request)));
  if (!pdf) return ErrorOf(p, request, pdf.error());
  HttpResponse response =
      HttpResponse::Bytes(200, "application/pdf", std::move(*pdf), "approval-form.pdf");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse Upload(const SubscriptionPages& p, const HttpRequest& request) {
  auto member = Member(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&member)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(member);
  auto form = ParseMultipart(request.Header("Content-Type").value_or(""), request.body);
  if (!form) return ErrorPageFor(p.web, request, form.error());
  const MultipartPart* csrf = form->Find("csrf");
  if (csrf == nullptr || !app::SessionService::CheckCsrf(visitor.cookie, csrf->body)) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const MultipartPart* kind_part = form->Find("kind");
  const MultipartPart* file = form->Find("document");
  auto kind = kind_part ? domain::SubscriptionDocumentKindFromName(kind_part->body) : std::nullopt;
  if (!kind || *kind == domain::SubscriptionDocumentKind::kPaperScan) {
    return Show(p, request, visitor, {std::nullopt, {}, "subscription_flow.error.kind", 422});
  }
  if (file == nullptr || !file->filename || file->body.empty()) {
    return Show(p, request, visitor, {std::nullopt, {}, "subscription_flow.error.no_file", 422});
  }
  app::SubscriptionUpload upload{*kind, BaseName(*file->filename), file->content_type, file->body};
  auto stored = p.requests.Upload(*visitor.caller, upload);
  if (!stored) {
    if (stored.error().code == ErrorCode::kInvalidArgument) {
      const bool too_large = file->body.size() > p.max_document_bytes;
      return Show(p, request, visitor,
                  {std::nullopt,
                   {},
                   too_large ? "subscription_flow.error.too_large"
                   : *kind == domain::SubscriptionDocumentKind::kSignedForm
                       ? "subscription_flow.error.form_not_pdf"
                       : "subscription_flow.error.file_type",
                   422});
    }
    return ErrorOf(p, request, stored.error());
  }
  return SeeOther(kPath);
}

HttpResponse Document(const SubscriptionPages& p, const HttpRequest& request) {
  auto member = Member(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&member)) return std::move(*answer);
  auto content =
      p.requests.Document(*std::get<Visitor>(member).caller, std::string(*request.Param("id")));
  if (!content) return ErrorOf(p, request, content.error());
  return InlineDocument(content->document.content_type, std::move(content->content),
                        content->document.file_name);
}

HttpResponse Remove(const SubscriptionPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) {
    return p.requests.RemoveDocument(caller, std::string(*request.Param("id")));
  });
}

HttpResponse Submit(const SubscriptionPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) -> common::Result<void> {
    auto done = p.requests.Submit(caller);
    if (!done) return common::Fail(done.error());
    return common::Ok();
  });
}

HttpResponse Paper(const SubscriptionPages& p, const HttpRequest& request) {
  return Change(p, request, [&](const app::Caller& caller) -> common::Result<void> {
    auto done = p.requests.ChoosePaperPath(caller);
    if (!done) return common::Fail(done.error());
    return common::Ok();
  });
}

}  // namespace

HttpResponse InlineDocument(std::string content_type, std::string content,
                            const std::string& file_name) {
  HttpResponse response = HttpResponse::Bytes(200, std::move(content_type), std::move(content));
  std::string disposition = AttachmentDisposition(file_name);
  if (disposition.starts_with("attachment")) {
    disposition = "inline" + disposition.substr(std::string_view("attachment").size());
  }
  response.SetHeader("Content-Disposition", disposition);
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

void AddSubscriptionPages(Router& router, const SubscriptionPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const SubscriptionPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/account/subscription", bind(Page));
  router.Add("POST", "/account/subscription", bind(Save));
  router.Add("GET", "/account/subscription/approval-form.pdf", bind(FormPdf));
  router.Add("POST", "/account/subscription/documents", bind(Upload));
  router.Add("GET", "/account/subscription/documents/{id}", bind(Document));
  router.Add("POST", "/account/subscription/documents/{id}/remove", bind(Remove));
  router.Add("POST", "/account/subscription/submit", bind(Submit));
  router.Add("POST", "/account/subscription/paper", bind(Paper));
}

}  // namespace sealpost::http::web
