#include "http/web/compose_page.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <variant>

#include "common/text.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/email_address.hpp"
#include "http/multipart.hpp"
#include "http/session_cookie.hpp"
#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

using common::ErrorCode;

// File name extensions and the content type sealpost records for them. The extension decides
// rather than the browser's guess, which differs between systems (".csv" arrives as
// application/vnd.ms-excel from Windows); SubmitItem then checks that the bytes agree.
constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
    {"pdf", "application/pdf"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"doc", "application/msword"},
    {"xls", "application/vnd.ms-excel"},
    {"txt", "text/plain"},
    {"csv", "text/csv"},
    {"xml", "application/xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"tif", "image/tiff"},
    {"tiff", "image/tiff"},
};

struct RecipientRow {
  std::string email;
  std::string name;
  std::string enterprise_number;
  std::string national_number;

  bool Blank() const {
    return email.empty() && name.empty() && enterprise_number.empty() && national_number.empty();
  }
  domain::Recipient ToRecipient() const {
    domain::Recipient r;
    r.email = email;
    r.name = name;
    r.enterprise_number = enterprise_number;
    r.national_number = national_number;
    return r;
  }
};

struct ComposeForm {
  std::string csrf;
  std::vector<RecipientRow> rows;
  std::string subject;
  std::string message;
  std::vector<app::NewAttachment> attachments;
  bool add_recipient = false;  // the no-script "add a recipient" button was pressed
  bool confirmed = false;      // the sender confirmed recipients, attachments and price
};

// A problem with one field: where it is (the input's id), and its catalogue message.
struct FieldError {
  std::string field;  // "subject", "recipient-0-email", …
  std::string key;
  ui::MessageArgs args;
  std::int64_t recipient = 0;  // 1-based number of the recipient row, 0 for other fields
};

std::string RecipientField(std::size_t index, std::string_view name) {
  return "recipient-" + std::to_string(index) + "-" + std::string(name);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What a browser may send as the file name: some send the whole client path.
std::string BaseName(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

std::string ContentTypeFor(std::string_view file_name, std::string_view sent) {
  const auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string ext = Lower(file_name.substr(dot + 1));
    for (const auto& [e, type] : kTypes) {
      if (e == ext) return std::string(type);
    }
  }
  std::string type(sent.substr(0, sent.find(';')));
  return std::string(common::TrimAscii(Lower(type)));
}

// `accept` for the file input: the extensions of the allowed types.
std::string AcceptList(const app::SubmissionSettings& limits) {
  std::string out;
  for (const auto& [ext, type] : kTypes) {
    const auto& allowed = limits.allowed_content_types;
    if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) continue;
    if (!out.empty()) out += ',';
    out += "." + std::string(ext);
  }
  return out;
}

// Named fields of a urlencoded or multipart body, in order, and the files of a multipart one.
common::Result<ComposeForm> ParseForm(const HttpRequest& request) {
  std::vector<std::pair<std::string, std::string>> fields;
  ComposeForm form;
  const std::string content_type(request.Header("Content-Type").value_or(""));
  if (Lower(content_type).starts_with("multipart/form-data")) {
    auto parts = ParseMultipart(content_type, request.body);
    if (!parts) return common::Fail(parts.error());
    for (auto& part : parts->parts) {
      if (!part.filename) {
        fields.emplace_back(part.name, std::move(part.body));
      } else if (part.name == "attachments" && !(part.filename->empty() && part.body.empty())) {
        std::string name = BaseName(*part.filename);
        std::string type = ContentTypeFor(name, part.content_type);
        form.attachments.push_back({std::move(name), std::move(type), std::move(part.body)});
      }
    }
  } else {
    auto parsed = ParseQuery(request.body);
    if (!parsed) return common::Fail(parsed.error());
    fields = std::move(*parsed);
  }
  std::map<std::string, std::vector<std::string>, std::less<>> repeated;
  for (auto& [name, value] : fields) {
    if (name == "csrf") {
      form.csrf = value;
    } else if (name == "subject") {
      form.subject = std::string(common::TrimAscii(value));
    } else if (name == "message") {
      // Browsers send a textarea's line breaks as CRLF (HTML: form submission); store plain LF.
      form.message.reserve(value.size());
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!(value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n')) {
          form.message += value[i];
        }
      }
    } else if (name == "add_recipient") {
      form.add_recipient = true;
    } else if (name == "confirm") {
      form.confirmed = value == "yes";
    } else if (name.starts_with("recipient_")) {
      repeated[name].push_back(std::string(common::TrimAscii(value)));
    }
  }
  // Every row has all four inputs, so the n-th value of each name belongs to the n-th row.
  std::size_t count = 0;
  for (const auto& [name, values] : repeated) count = std::max(count, values.size());
  auto at = [&](std::string_view name, std::size_t i) {
    auto it = repeated.find(name);
    return it != repeated.end() && i < it->second.size() ? it->second[i] : std::string();
  };
  for (std::size_t i = 0; i < count; ++i) {
    form.rows.push_back({at("recipient_email", i), at("recipient_name", i),
                         at("recipient_enterprise_number", i), at("recipient_national_number", i)});
  }
  std::erase_if(form.rows, [](const RecipientRow& r) { return r.Blank(); });
  return form;
}

// The checks of SubmitItem that a person can fix in the form, each tied to its field.
std::vector<FieldError> Validate(const ComposeForm& form, const app::SubmissionSettings& limits) {
  std::vector<FieldError> errors;
  auto max = [](std::size_t n) { return ui::MessageArgs{{"max", static_cast<std::int64_t>(n)}}; };
  if (form.rows.empty()) {
    errors.push_back({RecipientField(0, "email"), "compose.error.no_recipient", {}, 0});
  } else if (form.rows.size() > limits.max_recipients) {
    errors.push_back({RecipientField(0, "email"), "compose.error.too_many_recipients",
                      max(limits.max_recipients), 0});
  }
  for (std::size_t i = 0; i < form.rows.size(); ++i) {
    const RecipientRow& r = form.rows[i];
    const auto number = static_cast<std::int64_t>(i + 1);
    auto add = [&](std::string_view field, std::string key) {
      errors.push_back({RecipientField(i, field), std::move(key), {}, number});
    };
    if (r.email.empty()) {
      add("email", "compose.error.email_missing");
    } else if (!domain::LooksLikeEmail(r.email)) {
      add("email", "compose.error.email_invalid");
    }
    if (r.name.empty() || common::PrintableUtf8Length(r.name) < 0) {
      add("name", "compose.error.name_missing");
    }
    if (!r.enterprise_number.empty() && !domain::EnterpriseNumber::Parse(r.enterprise_number)) {
      add("enterprise_number", "compose.error.enterprise_number_invalid");
    }
    if (!r.national_number.empty()) {
      if (!domain::NationalNumber::Parse(r.national_number)) {
        add("national_number", "compose.error.national_number_invalid");
      } else if (!r.enterprise_number.empty()) {
        // Whoever accepts must match the identifier: a person and a company cannot both.
        add("national_number", "compose.error.both_identifiers");
      }
    }
  }
  if (form.subject.empty()) {
    errors.push_back({"subject", "compose.error.subject_missing", {}, 0});
  } else if (const long chars = common::PrintableUtf8Length(form.subject); chars < 0) {
    errors.push_back({"subject", "compose.error.subject_invalid", {}, 0});
  } else if (static_cast<std::size_t>(chars) > limits.max_subject_chars) {
    errors.push_back(
        {"subject", "compose.error.subject_too_long", max(limits.max_subject_chars), 0});
  }
  if (form.message.size() > limits.max_message_bytes) {
    errors.push_back({"message",
                      "compose.error.message_too_long",
                      {{"max", ui::FileSize{limits.max_message_bytes}}},
                      0});
  }
  if (form.attachments.empty()) {
    errors.push_back({"attachments", "compose.error.no_attachment", {}, 0});
  } else if (form.attachments.size() > limits.max_attachments) {
    errors.push_back(
        {"attachments", "compose.error.too_many_attachments", max(limits.max_attachments), 0});
  }
  std::uint64_t total = 0;
  for (const auto& a : form.attachments) {
    total += a.data.size();
    const auto& allowed = limits.allowed_content_types;
    if (a.file_name.empty() || common::PrintableUtf8Length(a.file_name) < 0 ||
        std::find(allowed.begin(), allowed.end(), a.content_type) == allowed.end()) {
      errors.push_back(
          {"attachments", "compose.error.attachment_type", {{"file", a.file_name}}, 0});
    }
  }
  if (total > limits.max_item_bytes) {
    errors.push_back({"attachments",
                      "compose.error.too_large",
                      {{"limit", ui::FileSize{limits.max_item_bytes}}},
                      0});
  }
  // Sending costs money and cannot be undone: the sender confirms what they checked.
  if (!form.confirmed) errors.push_back({"confirm", "compose.error.confirm_missing", {}, 0});
  return errors;
}

// Sets, for the field `id` shown as `prefix` in the template, its error section, aria-invalid and
// aria-describedby (its hint, when it has one, and its error).
void AddFieldState(ui::View& view, std::string_view prefix, const std::string& id,
                   const std::vector<FieldError>& errors, std::string describedby) {
  bool invalid = false;
  ui::View* shown = nullptr;  // one element (one id) holds all the field's messages
  for (const FieldError& e : errors) {
    if (e.field != id) continue;
    if (shown == nullptr) shown = &view.AddRow(std::string(prefix) + "_error");
    ui::View& row = shown->AddRow("messages");
    for (const auto& [name, value] : e.args) row.Set(name, value);
    row.Set("message", ui::MessageKey{e.key});
    invalid = true;
  }
  if (invalid) describedby += (describedby.empty() ? "" : " ") + id + "-error";
  view.Set(std::string(prefix) + "_invalid", invalid ? "true" : "false");
  view.Set(std::string(prefix) + "_describedby", std::move(describedby));
}

struct Refusal {
  std::string reason_key;
  std::string item_href;
};

HttpResponse RenderForm(const ComposePages& p, const HttpRequest& request, const Visitor& visitor,
                        const ComposeForm& form, const std::vector<FieldError>& errors,
                        const std::optional<Refusal>& refusal, int status) {
  const ui::Language language = LanguageOf(request);
  ui::View view;
  AddVisitorToView(visitor, view);
  view.Set("csrf", app::SessionService::CsrfToken(visitor.cookie));
  view.Set("acting_name", visitor.caller->account.display_name);
  view.Set("price", ui::Money{p.price_cents});
  view.Set("max_size", ui::FileSize{p.limits.max_item_bytes});
  view.Set("max_size_bytes", std::to_string(p.limits.max_item_bytes));
  view.Set("accept", AcceptList(p.limits));
  view.Set("subject", form.subject);
  view.Set("message", form.message);

  if (!errors.empty() || refusal) {
    ui::View& summary = view.AddRow("error_summary");
    for (const FieldError& e : errors) {
      ui::View& row = summary.AddRow("errors");
      row.Set("href", "#" + e.field);
      for (const auto& [name, value] : e.args) row.Set(name, value);
      if (e.recipient > 0) {
        // The summary names the row; the message beside the field does not need to.
        row.Set("number", e.recipient);
        row.Set("problem", p.web.translator.Text(language, e.key, e.args));
        row.Set("message", ui::MessageKey{"compose.summary.recipient_problem"});
      } else {
        row.Set("message", ui::MessageKey{e.key});
      }
    }
    if (refusal) {
      summary.AddRow("refused")
          .Set("reason", p.web.translator.Text(language, refusal->reason_key))
          .Set("item_href", refusal->item_href);
    }
    if (!form.attachments.empty()) summary.Show("files_again");
  }

  std::vector<RecipientRow> rows = form.rows;
  if (rows.empty() || form.add_recipient) rows.emplace_back();
  if (rows.size() > p.limits.max_recipients) rows.resize(p.limits.max_recipients);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ui::View& row = view.AddRow("recipients");
    row.Set("index", std::to_string(i));
    row.Set("number", static_cast<std::int64_t>(i + 1));
    row.Set("email", rows[i].email);
    row.Set("name", rows[i].name);
    row.Set("enterprise_number", rows[i].enterprise_number);
    row.Set("national_number", rows[i].national_number);
    const std::string status_id = RecipientField(i, "status");
    AddFieldState(row, "email", RecipientField(i, "email"), errors, status_id);
    AddFieldState(row, "name", RecipientField(i, "name"), errors, RecipientField(i, "name-hint"));
    AddFieldState(row, "enterprise_number", RecipientField(i, "enterprise_number"), errors,
                  RecipientField(i, "identifier-hint") + " " + status_id);
    AddFieldState(row, "national_number", RecipientField(i, "national_number"), errors,
                  RecipientField(i, "identifier-hint") + " " + status_id);
  }
  if (rows.size() < p.limits.max_recipients) view.Show("can_add_recipient");
  AddFieldState(view, "subject", "subject", errors, "subject-hint");
  AddFieldState(view, "message", "message", errors, "message-hint");
  AddFieldState(view, "attachments", "attachments", errors, "attachments-hint");
  AddFieldState(view, "confirm", "confirm", errors, "");
  view.Set("price_cents", std::to_string(p.price_cents));
  return RenderPage(p.web, request, "compose.html", view, status);
}

// The visitor, when they may send for the account they act for; otherwise the answer to give.
std::variant<Visitor, HttpResponse> Sender(const ComposePages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) {
    if (request.method != "GET") return ErrorPage(p.web, request, 403, "error.form_expired");
    return SignInFirst(request);
  }
  if (!visitor->caller->Can(domain::Permission::kSend)) {
    return ErrorPage(p.web, request, 403, "compose.not_allowed");
  }
  if (!visitor->caller->account.can_send) {
    return ErrorPage(p.web, request, 403, "compose.account_cannot_send");
  }
  return std::move(*visitor);
}

HttpResponse Form(const ComposePages& p, const HttpRequest& request) {
  auto sender = Sender(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&sender)) return std::move(*answer);
  return RenderForm(p, request, std::get<Visitor>(sender), {}, {}, std::nullopt, 200);
}

HttpResponse Submit(const ComposePages& p, const HttpRequest& request) {
  auto sender = Sender(p, request);
  if (auto* answer = std::get_if<HttpResponse>(&sender)) return std::move(*answer);
  const Visitor& visitor = std::get<Visitor>(sender);
  auto form = ParseForm(request);
  if (!form) return ErrorPageFor(p.web, request, form.error());
  if (!app::SessionService::CheckCsrf(visitor.cookie, form->csrf)) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  if (form->add_recipient) return RenderForm(p, request, visitor, *form, {}, std::nullopt, 200);
  if (auto errors = Validate(*form, p.limits); !errors.empty()) {
    return RenderForm(p, request, visitor, *form, errors, std::nullopt, 422);
  }

  app::SubmitItemRequest submission;
  submission.subject = form->subject;
  submission.message = form->message;
  for (const RecipientRow& r : form->rows) submission.recipients.push_back(r.ToRecipient());
  submission.attachments = form->attachments;
  auto outcome = p.submit.Execute(*visitor.caller, std::move(submission));
  if (!outcome) {
    // The balance (or a postpaid plan's credit limit) does not cover the deliveries: nothing was
    // created; the form stays filled in so the sender can remove recipients or top up first.
    const std::string& reason = outcome.error().reason;
    if (reason == "insufficient_balance" || reason == "credit_limit_exceeded") {
      return RenderForm(p, request, visitor, *form,
                        {{"recipients", "compose.error." + reason, {}, 0}}, std::nullopt, 402);
    }
    if (outcome.error().code != ErrorCode::kInvalidArgument) {
      return ErrorPageFor(p.web, request, outcome.error());
    }
    // A malformed request the checks above let through (e.g. text that is not UTF-8).
    return RenderForm(p, request, visitor, *form,
                      {{"subject", "compose.error.not_accepted", {}, 0}}, std::nullopt, 422);
  }
  if (const auto* rejected = std::get_if<app::SubmissionRejected>(&*outcome)) {
    return RenderForm(
        p, request, visitor, *form, {},
        Refusal{ReasonMessageKey(rejected->error.reason), "/outbox/" + rejected->item_id}, 422);
  }
  return SeeOther("/outbox/" + std::get<app::SubmittedItem>(*outcome).item.id);
}

HttpResponse JsonAnswer(int status, const nlohmann::json& body) {
  return HttpResponse::Json(status, body).SetHeader("Cache-Control", "no-store");
}

// For compose.js: whether a recipient, as typed so far, is registered.
HttpResponse RecipientStatus(const ComposePages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return JsonAnswer(503, {{"error", "unavailable"}});
  if (!visitor->SignedIn()) return JsonAnswer(401, {{"error", "unauthenticated"}});
  auto query = [&](std::string_view name) {
    return std::string(common::TrimAscii(request.Query(name).value_or("")));
  };
  const RecipientRow typed{query("email"), query("name"), query("enterprise_number"),
                           query("national_number")};
  auto status = p.lookup.Execute(*visitor->caller, typed.ToRecipient());
  if (!status) {
    const common::Error& e = status.error();
    const int code = e.code == ErrorCode::kInvalidArgument    ? 400
                     : e.code == ErrorCode::kPermissionDenied ? 403
                                                              : 503;
    return JsonAnswer(code, {{"error", common::ErrorCodeName(e.code)}});
  }
  return JsonAnswer(200, {{"registered", status->registered}});
}

}  // namespace

void AddComposePages(Router& router, const ComposePages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const ComposePages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/compose", bind(Form));
  router.Add("POST", "/compose", bind(Submit));
  router.Add("GET", "/compose/recipient-status", bind(RecipientStatus));
}

}  // namespace sealpost::http::web
