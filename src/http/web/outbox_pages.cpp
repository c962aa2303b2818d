#include "http/web/outbox_pages.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/name_match.hpp"
#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

constexpr std::size_t kPageSize = 20;
// Items read per request while filtering (see ScanListing): a page answers quickly even when few
// items match; the visitor continues the search with the next-page link.
constexpr std::size_t kMaxScanned = 1000;
constexpr std::string_view kRejected = "rejected";

constexpr domain::DeliveryState kFilterStates[] = {
    domain::DeliveryState::kAccepted,
    domain::DeliveryState::kAwaitingAcceptance,
    domain::DeliveryState::kConsignmentAccepted,
    domain::DeliveryState::kConsigned,
    domain::DeliveryState::kNotified,
    domain::DeliveryState::kHandedOver,
    domain::DeliveryState::kRefused,
    domain::DeliveryState::kExpired,
    domain::DeliveryState::kHandoverFailed,
    domain::DeliveryState::kNotificationFailed,
    domain::DeliveryState::kRelayedToPost,
    domain::DeliveryState::kRelayFailed,
};

std::string Digits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// The outbox filters as the visitor typed them (kept in the form) and as they apply. ItemQueries
// has no filter, so the page filters what ListItems returns (ScanListing).
struct Filter {
  std::string q;          // words in the subject or a recipient
  std::string recipient;  // a recipient's name, e-mail address or identifier
  std::string state;      // a domain StateName, "rejected", or "" for any
  std::string from;       // ISO dates, Brussels days, inclusive
  std::string to;
  std::optional<common::TimePoint> since;   // start of `from`
  std::optional<common::TimePoint> before;  // start of the day after `to`
  bool from_invalid = false;
  bool to_invalid = false;

  bool Active() const {
    return !q.empty() || !recipient.empty() || !state.empty() || since || before;
  }
};

Filter FilterOf(const HttpRequest& request) {
  Filter f;
  auto text = [&](std::string_view name) {
    return std::string(common::TrimAscii(request.Query(name).value_or("")));
  };
  f.q = text("q");
  f.recipient = text("recipient");
  f.state = text("state");
  const bool known_state =
      f.state == kRejected || (domain::StateFromName(f.state).has_value() && !f.state.empty());
  if (!known_state) f.state.clear();
  f.from = text("from");
  f.to = text("to");
  if (!f.from.empty()) {
    if (auto day = ParseIsoDate(f.from)) {
      f.since = BrusselsDayStart(*day);
    } else {
      f.from_invalid = true;
    }
  }
  if (!f.to.empty()) {
    if (auto day = ParseIsoDate(f.to)) {
      f.before = BrusselsDayStart(std::chrono::sys_days{*day} + std::chrono::days(1));
    } else {
      f.to_invalid = true;
    }
  }
  return f;
}

// Case, accents and hyphens do not matter (the rule names are matched by); identifiers match on
// their digits whatever the separators.
bool RecipientMatches(const domain::Recipient& r, std::string_view needle) {
  const std::string wanted = domain::NormaliseName(needle);
  if (!wanted.empty() && (domain::NormaliseName(r.name).find(wanted) != std::string::npos ||
                          domain::NormaliseName(r.email).find(wanted) != std::string::npos)) {
    return true;
  }
  const std::string digits = Digits(needle);
  return digits.size() >= 4 && (r.enterprise_number.find(digits) != std::string::npos ||
                                r.national_number.find(digits) != std::string::npos);
}

bool Matches(const Filter& f, const app::ItemView& v) {
  if (f.before && v.item.submitted_at >= *f.before) return false;
  if (!f.state.empty()) {
    if (f.state == kRejected) {
      if (v.item.status != domain::ItemStatus::kRejected) return false;
    } else if (std::none_of(v.deliveries.begin(), v.deliveries.end(),
                            [&](const auto& d) { return domain::StateName(d.state) == f.state; })) {
      return false;
    }
  }
  auto any_recipient = [&](std::string_view needle) {
    return std::any_of(v.deliveries.begin(), v.deliveries.end(),
                       [&](const auto& d) { return RecipientMatches(d.recipient, needle); });
  };
  if (!f.recipient.empty() && !any_recipient(f.recipient)) return false;
  if (!f.q.empty()) {
    const std::string words = domain::NormaliseName(f.q);
    if (domain::NormaliseName(v.item.subject).find(words) == std::string::npos &&
        !any_recipient(f.q)) {
      return false;
    }
  }
  return true;
}

std::string ListHref(const Filter& f, std::string_view cursor) {
  std::string href = "/outbox?";
  for (auto [name, value] :
       {std::pair{"q", &f.q}, std::pair{"recipient", &f.recipient}, std::pair{"state", &f.state},
        std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (!value->empty()) href += std::string(name) + "=" + QueryEscape(*value) + "&";
  }
  if (!cursor.empty()) href += "cursor=" + QueryEscape(cursor) + "&";
  href.pop_back();
  return href;
}

void AddFilterForm(const Filter& f, ui::View& view) {
  view.Set("q", f.q).Set("recipient", f.recipient).Set("from", f.from).Set("to", f.to);
  auto option = [&](std::string value, std::string key) {
    ui::View& row = view.AddRow("state_options");
    if (value == f.state) row.Show("selected");
    row.Set("value", std::move(value)).Set("label", ui::MessageKey{std::move(key)});
  };
  option("", "outbox.filter.state_any");
  for (auto state : kFilterStates) {
    option(std::string(domain::StateName(state)), StateMessageKey(state));
  }
  option(std::string(kRejected), "items.state.rejected");
  for (auto [invalid, section] :
       {std::pair{f.from_invalid, "from_error"}, std::pair{f.to_invalid, "to_error"}}) {
    if (invalid) view.Show(section);
  }
  view.Set("from_invalid", f.from_invalid ? "true" : "false");
  view.Set("to_invalid", f.to_invalid ? "true" : "false");
}

void AddRecipientSummary(const domain::Delivery& d, ui::View& row) {
  ui::View& r = row.AddRow("recipients");
  r.Set("name", d.recipient.name).Set("email", d.recipient.email);
  r.Set("state", ui::MessageKey{StateMessageKey(d.state)});
  r.Set("tone", std::string(StateTone(d.state)));
}

HttpResponse List(const OutboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  const app::Caller& caller = *visitor->caller;
  const Filter filter = FilterOf(request);
  const std::string cursor(request.Query("cursor").value_or(""));

  auto page = ScanListing<app::ItemView>(
      [&](const app::PageRequest& page) { return p.queries.ListItems(caller, page); },
      [&](const app::ItemView& v) { return Matches(filter, v); },
      [&](const app::ItemView& v) { return filter.since && v.item.submitted_at < *filter.since; },
      [](const app::ItemView& v) { return v.item.id; }, cursor, kPageSize, kMaxScanned);
  if (!page) return ErrorPageFor(p.web, request, page.error());

  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("acting_name", caller.account.display_name);
  AddFilterForm(filter, view);
  if (filter.Active()) view.AddRow("filtered").Set("clear_href", "/outbox");
  for (const app::ItemView& v : page->rows) {
    ui::View& row = view.AddRow("items");
    row.Set("href", "/outbox/" + v.item.id);
    row.Set("subject", v.item.subject);
    row.Set("submitted_at", ui::DateTime{v.item.submitted_at, ui::DateTimeStyle::kShortDateTime});
    if (v.item.status == domain::ItemStatus::kRejected) row.Show("rejected");
    for (const auto& d : v.deliveries) AddRecipientSummary(d, row);
  }
  if (page->rows.empty()) {
    view.Show(filter.Active() || !cursor.empty() ? "no_matches" : "empty");
  }
  if (!page->next_cursor.empty()) {
    ui::View& next = view.AddRow("next_page");
    next.Set("href", ListHref(filter, page->next_cursor));
    if (page->scan_limit_hit) next.Show("scan_limit");
    next.Set("scanned", static_cast<std::int64_t>(kMaxScanned));
  }
  if (!cursor.empty()) view.AddRow("first_page").Set("href", ListHref(filter, ""));
  return RenderPage(p.web, request, "outbox/list.html", view);
}

void AddEvent(const domain::EvidenceRecord& e, const std::string& item_id, ui::View& row) {
  ui::View& ev = row.AddRow("events");
  ev.Set("event", ui::MessageKey{EventMessageKey(e.event)});
  ev.Set("time", ui::DateTime{e.event_time, ui::DateTimeStyle::kDateTimeWithZone});
  ev.Set("evidence_href", "/outbox/" + item_id + "/evidence/" + e.id);
  if (!e.reason_code.empty()) {
    ev.AddRow("reason")
        .Set("code", e.reason_code)
        .Set("reason_text", ui::MessageKey{ReasonMessageKey(e.reason_code)});
  }
}

HttpResponse Item(const OutboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  const app::Caller& caller = *visitor->caller;
  const std::string item_id(*request.Param("item"));
  auto view_of = p.queries.GetItem(caller, item_id);
  if (!view_of) return ErrorPageFor(p.web, request, view_of.error());
  auto evidence = p.queries.ListEvidence(caller, item_id);
  if (!evidence) return ErrorPageFor(p.web, request, evidence.error());
  const domain::Item& item = view_of->item;
  const std::string lang(ui::LanguageCode(LanguageOf(request)));

  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("subject", item.subject);
  view.Set("item_id", item.id);
  view.Set("submitted_at", ui::DateTime{item.submitted_at, ui::DateTimeStyle::kDateTimeWithZone});
  view.Set("proof_href", "/outbox/" + item.id + "/proof-bundle");
  if (!item.message.empty()) AddMessageLines(item.message, view.AddRow("message"));
  for (const auto& a : item.attachments) {
    view.AddRow("attachments")
        .Set("file_name", a.file_name)
        .Set("size", ui::FileSize{a.size})
        .Set("sha256", a.sha256);
  }
  // Evidence without a delivery is the item's own: a refusal at submission.
  for (const auto& e : *evidence) {
    if (!e.delivery_id.empty()) continue;
    ui::View& rejected = view.AddRow("rejected");
    AddEvent(e, item.id, rejected);
  }
  std::int64_t number = 0;
  for (const auto& d : view_of->deliveries) {
    ui::View& row = view.AddRow("recipients");
    row.Set("number", ++number);
    row.Set("name", d.recipient.name).Set("email", d.recipient.email);
    if (!d.recipient.enterprise_number.empty()) {
      row.AddRow("enterprise_number")
          .Set("value", domain::EnterpriseNumber{d.recipient.enterprise_number}.Formatted());
    }
    if (!d.recipient.national_number.empty()) {
      row.AddRow("national_number")
          .Set("value", domain::NationalNumber{d.recipient.national_number}.Formatted());
    }
    row.Set("state", ui::MessageKey{StateMessageKey(d.state)});
    row.Set("tone", std::string(StateTone(d.state)));
    if (d.deadline &&
        (AwaitsOpening(d.state) || d.state == domain::DeliveryState::kAwaitingAcceptance)) {
      row.AddRow(AwaitsOpening(d.state) ? "opening_deadline" : "decision_deadline")
          .Set("deadline", ui::DateTime{*d.deadline, ui::DateTimeStyle::kDateTimeWithZone});
    }
    row.Set("certificate_href", "/api/v1/deliveries/" + d.id + "/certificate?lang=" + lang);
    for (const auto& e : *evidence) {
      if (e.delivery_id == d.id) AddEvent(e, item.id, row);
    }
  }
  return RenderPage(p.web, request, "outbox/item.html", view);
}

HttpResponse Evidence(const OutboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  auto record = p.queries.GetEvidence(*visitor->caller, std::string(*request.Param("evidence")));
  if (!record) return ErrorPageFor(p.web, request, record.error());
  // The path names the item too: an evidence of another item is not found here.
  if (record->item_id != *request.Param("item")) {
    return ErrorPage(p.web, request, 404, "error.not_found");
  }
  std::string name = std::string(domain::EventName(record->event)) + "-" + record->id + ".xml";
  return HttpResponse::Bytes(200, "application/xml", std::move(record->sealed_xml), name)
      .SetHeader("Cache-Control", "no-store");
}

HttpResponse ProofBundle(const OutboxPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  const std::string item_id(*request.Param("item"));
  // The sender's bundle: only for an item the caller sent (a recipient has its own in the inbox).
  if (auto item = p.queries.GetItem(*visitor->caller, item_id); !item) {
    return ErrorPageFor(p.web, request, item.error());
  }
  auto files = p.proof_bundle.Execute(*visitor->caller, item_id);
  if (!files) return ErrorPageFor(p.web, request, files.error());
  auto zip = p.archive_writer.Write(*files);
  if (!zip) return ErrorPageFor(p.web, request, zip.error());
  return HttpResponse::Bytes(200, "application/zip", std::move(*zip),
                             "sealpost-proof-" + item_id + ".zip")
      .SetHeader("Cache-Control", "no-store");
}

}  // namespace

void AddOutboxPages(Router& router, const OutboxPages& pages) {
  auto bind = [pages](HttpResponse (*handler)(const OutboxPages&, const HttpRequest&)) {
    return [pages, handler](const HttpRequest& request) { return handler(pages, request); };
  };
  router.Add("GET", "/outbox", bind(List));
  router.Add("GET", "/outbox/{item}", bind(Item));
  router.Add("GET", "/outbox/{item}/evidence/{evidence}", bind(Evidence));
  router.Add("GET", "/outbox/{item}/proof-bundle", bind(ProofBundle));
}

}  // namespace sealpost::http::web
