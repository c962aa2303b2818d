#include "http/mail_viewer_routes.hpp"

#include <charconv>
#include <string>
#include <utility>

#include "common/html.hpp"
#include "http/problem.hpp"

namespace sealpost::http {
namespace {

using common::HtmlEscape;

constexpr std::size_t kDefaultListLimit = 100;
constexpr std::size_t kMaxListLimit = 1000;
constexpr std::string_view kRawSuffix = ".eml";

// The viewer's own pages: inline styles only, framing of our own /html route only.
constexpr char kPagePolicy[] =
    "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";
// The mail's HTML body: a unique origin without scripts, forms, plugins or remote loads (no
// tracking pixels); inline styles and data: images still render. Framed by the viewer only.
constexpr char kMailHtmlPolicy[] =
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'";

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1b1b}"
    ".demo{background:#fff3cd;border:1px solid #e0c36a;padding:.5rem .75rem}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}"
    "pre{white-space:pre-wrap;background:#f6f6f6;padding:.75rem;border:1px solid #ddd}"
    "iframe{width:100%;height:32rem;border:1px solid #ddd}";

// One path segment, percent-encoded: the route layer does not rely on the spool's id alphabet.
std::string EncodeSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string MessagePath(std::string_view id) {
  return std::string(kMailViewerPath) + "/" + EncodeSegment(id);
}

// "2026-11-27 22:10:00 UTC" from the RFC 3339 form.
std::string DisplayTime(common::TimePoint time) {
  std::string text = common::FormatRfc3339(time).substr(0, 19);
  text[10] = ' ';
  return text + " UTC";
}

std::string Page(std::string_view title, std::string_view body) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         HtmlEscape(title) + " — sealpost demo mail</title><style>" + kStyle +
         "</style></head><body>\n<p class=\"demo\">Demo mode: nothing here was sent. sealpost "
         "keeps these e-mails in its local mail spool instead.</p>\n" +
         std::string(body) + "\n</body></html>\n";
}

HttpResponse HtmlPage(std::string body) {
  HttpResponse response = HttpResponse::Text(200, std::move(body), "text/html; charset=utf-8");
  response.SetHeader("Content-Security-Policy", kPagePolicy);
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("Referrer-Policy", "no-referrer");
  return response;
}

std::size_t ListLimit(const HttpRequest& request) {
  const auto text = request.Query("limit");
  std::size_t limit = 0;
  if (!text ||
      std::from_chars(text->data(), text->data() + text->size(), limit).ec != std::errc{} ||
      limit == 0) {
    return kDefaultListLimit;
  }
  return std::min(limit, kMaxListLimit);
}

HttpResponse ListPage(const app::MailSpool& spool, const HttpRequest& request) {
  auto list = spool.List(ListLimit(request));
  if (!list) return ProblemResponse(request, list.error());
  std::string body = "<h1>Mail spool</h1>\n";
  if (list->empty()) {
    body += "<p>No e-mails yet.</p>";
    return HtmlPage(Page("Mail spool", body));
  }
  body +=
      "<table>\n<thead><tr><th>Time</th><th>To</th><th>Subject</th><th>Raw</th></tr></thead>\n"
      "<tbody>\n";
  for (const app::SpooledMailSummary& mail : *list) {
    const std::string path = MessagePath(mail.id);
    body += "<tr><td>" + HtmlEscape(DisplayTime(mail.time)) + "</td><td>" + HtmlEscape(mail.to) +
            "</td><td><a href=\"" + HtmlEscape(path) + "\">" +
            HtmlEscape(mail.subject.empty() ? "(no subject)" : mail.subject) +
            "</a></td><td><a href=\"" + HtmlEscape(path + std::string(kRawSuffix)) +
            "\">.eml</a></td></tr>\n";
  }
  body += "</tbody>\n</table>";
  return HtmlPage(Page("Mail spool", body));
}

HttpResponse MessagePage(const app::SpooledMail& mail) {
  const std::string path = MessagePath(mail.summary.id);
  const std::string subject = mail.summary.subject.empty() ? "(no subject)" : mail.summary.subject;
  std::string body = "<p><a href=\"" + std::string(kMailViewerPath) +
                     "\">← all e-mails</a> · <a href=\"" + HtmlEscape(path) +
                     std::string(kRawSuffix) + "\">raw .eml</a></p>\n<h1>" + HtmlEscape(subject) +
                     "</h1>\n<h2>Headers</h2>\n<table>\n";
  for (const auto& [name, value] : mail.headers) {
    body += "<tr><th>" + HtmlEscape(name) + "</th><td>" + HtmlEscape(value) + "</td></tr>\n";
  }
  body += "</table>\n";
  if (!mail.attachments.empty()) {
    body += "<h2>Attachments</h2>\n<ul>\n";
    for (const auto& attachment : mail.attachments) {
      body += "<li>" +
              HtmlEscape(attachment.file_name.empty() ? "(unnamed)" : attachment.file_name) +
              " — " + HtmlEscape(attachment.content_type) + ", " + std::to_string(attachment.size) +
              " bytes</li>\n";
    }
    body += "</ul>\n";
  }
  body += "<h2>Text</h2>\n<pre>" + HtmlEscape(mail.text_body) + "</pre>\n";
  if (!mail.html_body.empty()) {
    // sandbox="" (no allow-* tokens) on top of the frame's own CSP sandbox: belt and braces.
    body +=
        "<h2>HTML</h2>\n<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"HTML body\" "
        "src=\"" +
        HtmlEscape(path) + "/html\"></iframe>\n";
  }
  return HtmlPage(Page(subject, body));
}

HttpResponse RawMessage(const app::SpooledMail& mail) {
  HttpResponse response = HttpResponse::Bytes(200, "message/rfc822", mail.raw,
                                              mail.summary.id + std::string(kRawSuffix));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse HtmlBody(const app::SpooledMail& mail) {
  HttpResponse response = HttpResponse::Text(200, mail.html_body, "text/html; charset=utf-8");
  response.SetHeader("Content-Security-Policy", kMailHtmlPolicy);
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("Referrer-Policy", "no-referrer");
  return response;
}

}  // namespace

void AddMailViewerRoutes(Router& router, std::shared_ptr<const app::MailSpool> spool) {
  router.Add("GET", kMailViewerPath,
             [spool](const HttpRequest& request) { return ListPage(*spool, request); });
  // "{id}.eml" is not a router pattern (a segment is a literal or a whole parameter): the suffix
  // is split off here. Spool ids never contain '.', so no id is mistaken for a raw request.
  router.Add("GET", std::string(kMailViewerPath) + "/{id}", [spool](const HttpRequest& request) {
    std::string_view id = *request.Param("id");
    const bool raw = id.ends_with(kRawSuffix);
    if (raw) id.remove_suffix(kRawSuffix.size());
    auto mail = spool->Get(id);
    if (!mail) return ProblemResponse(request, mail.error());
    return raw ? RawMessage(*mail) : MessagePage(*mail);
  });
  router.Add(
      "GET", std::string(kMailViewerPath) + "/{id}/html", [spool](const HttpRequest& request) {
        auto mail = spool->Get(*request.Param("id"));
        if (!mail) return ProblemResponse(request, mail.error());
        if (mail->html_body.empty()) {
          return ProblemResponse(
              request,
              common::Error{common::ErrorCode::kNotFound, "this e-mail has no HTML body", {}});
        }
        return HtmlBody(*mail);
      });
}

}  // namespace sealpost::http
