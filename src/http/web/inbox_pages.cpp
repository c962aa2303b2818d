#include "http/web/inbox_pages.hpp"

#include "domain/belgian_identifiers.hpp"
#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

constexpr std::size_t kPageSize = 20;
// ItemQueries offers the inbox as one newest-first listing only — no state filter, no lookup of
// one delivery — so these pages filter and look up by walking it (ScanListing), within bounds:
// Items still to be opened are listed all at once on the first page, up to kMaxUnread of them,
// found among the newest kMaxScannedForUnread entries (they are recent: each expires after the
// handover period).
constexpr std::size_t kMaxUnread = 100;
constexpr std::size_t kMaxScannedForUnread = 500;
// Entries read per request for the other items and for finding one delivery.
constexpr std::size_t kMaxScanned = 2000;

using Entry = app::InboxEntry;

common::Result<ScanResult<Entry>> ScanInbox(const InboxPages& p, const app::Caller& caller,
                                            auto&& keep, std::string after, std::size_t wanted,
                                            std::size_t max_scanned = kMaxScanned) {
  return ScanListing<Entry>(
      [&](const app::PageRequest& page) { return p.queries.ListInbox(caller, page); }, keep,
      [](const Entry&) { return false; }, [](const Entry& e) { return e.delivery.id; },
      std::move(after), wanted, max_scanned);
}

// The inbox entry of `delivery_id`, or kNotFound — also for a delivery addressed to someone else.
common::Result<Entry> FindEntry(const InboxPages& p, const app::Caller& caller,
                                std::string_view delivery_id) {
  auto found = ScanInbox(
      p, caller, [&](const Entry& e) { return e.delivery.id == delivery_id; }, "", 1);
  if (!found) return common::Fail(found.error());
  if (found->rows.empty()) {
    return common::Fail(common::ErrorCode::kNotFound, "no delivery with that id");
  }
  return std::move(found->rows.front());
}

void AddSender(const Entry& e, ui::View& view) {
  view.Set("sender_name", e.sender_name);
  if (!e.sender_enterprise_number.empty()) {
    view.AddRow("sender_enterprise_number")
        .Set("value", domain::EnterpriseNumber{e.sender_enterprise_number}.Formatted());
  }
}

void AddEntryRow(const Entry& e, ui::View& row) {
  row.Set("href", "/inbox/" + e.delivery.id);
  AddSender(e, row);
  row.Set("submitted_at", ui::DateTime{e.submitted_at, ui::DateTimeStyle::kShortDateTime});
  row.Set("state", ui::MessageKey{StateMessageKey(e.delivery.state)});
  row.Set("tone", std::string(StateTone(e.delivery.state)));
  if (!e.subject.empty()) row.AddRow("subject").Set("text", e.subject);
  if (AwaitsOpening(e.delivery.state) && e.delivery.deadline) {
    row.AddRow("deadline")
        .Set("deadline", ui::DateTime{*e.delivery.deadline, ui::DateTimeStyle::kShortDateTime});
  }
}

HttpResponse List(const InboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  const app::Caller& caller = *visitor->caller;
  const std::string cursor(request.Query("cursor").value_or(""));

  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("acting_name", caller.account.display_name);
  bool any = false;
  if (cursor.empty()) {
    auto unread = ScanInbox(
        p, caller, [](const Entry& e) { return AwaitsOpening(e.delivery.state); }, "", kMaxUnread,
        kMaxScannedForUnread);
    if (!unread) return ErrorPageFor(p.web, request, unread.error());
    if (!unread->rows.empty()) {
      ui::View& section = view.AddRow("unread");
      section.Set("count", static_cast<std::int64_t>(unread->rows.size()));
      for (const Entry& e : unread->rows) AddEntryRow(e, section.AddRow("entries"));
      any = true;
    }
  }
  auto others = ScanInbox(
      p, caller, [](const Entry& e) { return !AwaitsOpening(e.delivery.state); }, cursor,
      kPageSize);
  if (!others) return ErrorPageFor(p.web, request, others.error());
  if (!others->rows.empty()) {
    ui::View& section = view.AddRow("others");
    for (const Entry& e : others->rows) AddEntryRow(e, section.AddRow("entries"));
    any = true;
  }
  if (!others->next_cursor.empty()) {
    view.AddRow("next_page").Set("href", "/inbox?cursor=" + QueryEscape(others->next_cursor));
  }
  if (!cursor.empty()) view.AddRow("first_page").Set("href", "/inbox");
  if (!any) view.Show("empty");
  return RenderPage(p.web, request, "inbox/list.html", view);
}

void AddOpenedContent(const HttpRequest& request, const app::HandedOverContent& content,
                      const std::vector<domain::EvidenceRecord>& evidence, ui::View& view) {
  const std::string base = "/inbox/" + content.delivery.id;
  ui::View& opened = view.AddRow("opened");
  opened.Set("subject", content.item.subject);
  if (!content.item.message.empty())
    AddMessageLines(content.item.message, opened.AddRow("message"));
  for (const auto& a : content.item.attachments) {
    opened.AddRow("attachments")
        .Set("href", base + "/attachments/" + a.id)
        .Set("file_name", a.file_name)
        .Set("size", ui::FileSize{a.size});
  }
  for (const auto& e : evidence) {
    if (e.delivery_id != content.delivery.id) continue;
    ui::View& ev = opened.AddRow("events");
    ev.Set("event", ui::MessageKey{EventMessageKey(e.event)});
    ev.Set("time", ui::DateTime{e.event_time, ui::DateTimeStyle::kDateTimeWithZone});
    ev.Set("evidence_href", base + "/evidence/" + e.id);
  }
  opened.Set("proof_href", base + "/proof-bundle");
  opened.Set("certificate_href",
             "/api/v1/deliveries/" + content.delivery.id +
                 "/certificate?lang=" + std::string(ui::LanguageCode(LanguageOf(request))));
}

HttpResponse Item(const InboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  const app::Caller& caller = *visitor->caller;
  auto entry = FindEntry(p, caller, *request.Param("delivery"));
  if (!entry) return ErrorPageFor(p.web, request, entry.error());
  const domain::Delivery& delivery = entry->delivery;

  ui::View view;
  AddVisitorToView(*visitor, view);
  AddSender(*entry, view);
  view.Set("submitted_at", ui::DateTime{entry->submitted_at, ui::DateTimeStyle::kDateTimeWithZone});
  view.Set("state", ui::MessageKey{StateMessageKey(delivery.state)});
  view.Set("tone", std::string(StateTone(delivery.state)));
  view.Set("recipient_name", delivery.recipient.name);
  if (AwaitsOpening(delivery.state)) {
    ui::View& form = view.AddRow("unopened");
    form.Set("action", "/inbox/" + delivery.id + "/open");
    form.Set("csrf", app::SessionService::CsrfToken(visitor->cookie));
    if (delivery.deadline) {
      form.AddRow("deadline")
          .Set("deadline", ui::DateTime{*delivery.deadline, ui::DateTimeStyle::kDateTimeWithZone});
    }
  } else if (delivery.state == domain::DeliveryState::kHandedOver) {
    // Already handed over: this reads the content again and records nothing new.
    auto content = p.hand_over.Execute(caller, delivery.id);
    if (!content) return ErrorPageFor(p.web, request, content.error());
    auto evidence = p.queries.ListEvidence(caller, delivery.item_id);
    if (!evidence) return ErrorPageFor(p.web, request, evidence.error());
    AddOpenedContent(request, *content, *evidence, view);
  } else {
    view.Show("closed");
  }
  return RenderPage(p.web, request, "inbox/item.html", view);
}

HttpResponse Open(const InboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn() ||
      !app::SessionService::CheckCsrf(visitor->cookie, FormField(request, "csrf"))) {
    return ErrorPage(p.web, request, 403, "error.form_expired");
  }
  const std::string delivery_id(*request.Param("delivery"));
  auto content = p.hand_over.Execute(*visitor->caller, delivery_id);
  if (!content) return ErrorPageFor(p.web, request, content.error());
  return SeeOther("/inbox/" + delivery_id);
}

// The attachment ids appear only on the page of an opened item, so this GET never makes the first
// hand-over in practice; HandOverContent would record it if it did, before any byte leaves.
HttpResponse Attachment(const InboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  auto file = p.hand_over.Attachment(*visitor->caller, std::string(*request.Param("delivery")),
                                     std::string(*request.Param("attachment")));
  if (!file) return ErrorPageFor(p.web, request, file.error());
  return HttpResponse::Bytes(200, file->attachment.content_type, std::move(file->data),
                             file->attachment.file_name)
      .SetHeader("Digest", "sha-256=" + file->attachment.sha256)
      .SetHeader("X-Content-Type-Options", "nosniff")
      .SetHeader("Cache-Control", "no-store");
}

HttpResponse Evidence(const InboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  auto record = p.queries.GetEvidence(*visitor->caller, std::string(*request.Param("evidence")));
  if (!record) return ErrorPageFor(p.web, request, record.error());
  if (record->delivery_id != *request.Param("delivery")) {
    return ErrorPage(p.web, request, 404, "error.not_found");
  }
  std::string name = std::string(domain::EventName(record->event)) + "-" + record->id + ".xml";
  return HttpResponse::Bytes(200, "application/xml", std::move(record->sealed_xml), name)
      .SetHeader("Cache-Control", "no-store");
}

HttpResponse ProofBundle(const InboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  auto entry = FindEntry(p, *visitor->caller, *request.Param("delivery"));
  if (!entry) return ErrorPageFor(p.web, request, entry.error());
  auto files = p.proof_bundle.Execute(*visitor->caller, entry->delivery.item_id);
  if (!files) return ErrorPageFor(p.web, request, files.error());
  auto zip = p.archive_writer.Write(*files);
  if (!zip) return ErrorPageFor(p.web, request, zip.error());
  return HttpResponse::Bytes(200, "application/zip", std::move(*zip),
                             "sealpost-proof-" + entry->delivery.id + ".zip")
      .SetHeader("Cache-Control", "no-store");
}

}  // namespace

void AddInboxPages(Router& router, const InboxPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const InboxPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/inbox", bind(List));
  router.Add("GET", "/inbox/{delivery}", bind(Item));
  router.Add("POST", "/inbox/{delivery}/open", bind(Open));
  router.Add("GET", "/inbox/{delivery}/attachments/{attachment}", bind(Attachment));
  router.Add("GET", "/inbox/{delivery}/evidence/{evidence}", bind(Evidence));
  router.Add("GET", "/inbox/{delivery}/proof-bundle", bind(ProofBundle));
}

}  // namespace sealpost::http::web
