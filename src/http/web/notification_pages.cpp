#include "http/web/notification_pages.hpp"

#include "http/web/item_page_support.hpp"

namespace sealpost::http::web {

namespace {

HttpResponse List(const NotificationPages& p, const HttpRequest& request) {
  auto visitor = VisitorOf(p.web, request);
  if (!visitor) return ErrorPageFor(p.web, request, visitor.error());
  if (!visitor->SignedIn()) return SignInFirst(request);
  auto list = p.notifications.ShowAndMarkSeen(*visitor->caller);
  if (!list) return ErrorPageFor(p.web, request, list.error());
  ui::View view;
  AddVisitorToView(*visitor, view);
  view.Set("account_name", visitor->caller->account.display_name);
  std::int64_t new_count = 0;
  for (const auto& e : list->events) {
    ui::View& row = view.AddRow("events");
    row.Set("event", ui::MessageKey{EventMessageKey(e.event)});
    row.Set("at", ui::DateTime{e.event_time});
    row.Set("subject", e.item_subject);
    row.Set("recipient_name", e.recipient_name);
    row.Set("item_href", "/outbox/" + e.item_id);
    if (!e.reason_code.empty()) {
      row.AddRow("reason").Set("reason", ui::MessageKey{ReasonMessageKey(e.reason_code)});
    }
    if (!list->previously_seen || e.event_time > *list->previously_seen) {
      row.Show("new");
      ++new_count;
    }
  }
  view.Set("new_count", new_count);
  if (list->events.empty()) view.Show("no_events");
  return RenderPage(p.web, request, "notifications.html", view);
}

}  // namespace

void AddNotificationPages(Router& router, const NotificationPages& pages) {
  router.Add("GET", "/notifications",
             [pages](const HttpRequest& request) { return List(pages, request); });
}

}  // namespace sealpost::http::web
