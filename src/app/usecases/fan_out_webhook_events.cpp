#include "app/usecases/fan_out_webhook_events.hpp"

#include <map>
#include <vector>

#include "app/webhook_event.hpp"

namespace sealpost::app {

FanOutWebhookEvents::FanOutWebhookEvents(Database& database, const common::Clock& clock,
                                         common::Random& random, std::string public_base_url,
                                         std::size_t batch_size)
    : database_(database),
      clock_(clock),
      random_(random),
      public_base_url_(std::move(public_base_url)),
      batch_size_(batch_size) {}

common::Result<FanOutReport> FanOutWebhookEvents::RunOnce() {
  // Read what is new without the write lock (on SQLite a writing unit of work holds it from its
  // first statement, and the committer of submissions would wait behind this read); then write
  // the deliveries and move the cursor in one short transaction. MoveCursor only moves from the
  // position read, so a concurrent run cannot fan out the same evidence twice.
  std::vector<WebhookDelivery> deliveries;
  std::int64_t from = 0;
  std::int64_t last = 0;
  FanOutReport report;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    WebhookRepository& webhooks = (*uow)->Webhooks();
    auto cursor = webhooks.Cursor();
    if (!cursor) return common::Fail(cursor.error());
    auto fresh = webhooks.EvidenceAfter(*cursor, batch_size_);
    if (!fresh) return common::Fail(fresh.error());
    if (fresh->empty()) return report;

    std::map<std::string, std::vector<WebhookEndpoint>> endpoints_of;  // by account
    const common::TimePoint now = clock_.Now();
    from = *cursor;
    last = *cursor;
    for (const WebhookSourceEvidence& evidence : *fresh) {
      if (evidence.leaf_index != last + 1) break;  // not committed yet: wait for it
      auto cached = endpoints_of.find(evidence.sender_account_id);
      if (cached == endpoints_of.end()) {
        auto active = webhooks.ActiveEndpoints(evidence.sender_account_id);
        if (!active) return common::Fail(active.error());
        cached = endpoints_of.emplace(evidence.sender_account_id, std::move(*active)).first;
      }
      if (!cached->second.empty()) {
        const std::string body = EvidenceEventBody(evidence, public_base_url_);
        for (const WebhookEndpoint& endpoint : cached->second) {
          WebhookDelivery d;
          d.id = common::NewUuid(random_);
          d.endpoint_id = endpoint.id;
          d.event_id = evidence.evidence_id;
          d.event_name = std::string(domain::EventName(evidence.event));
          d.evidence_id = evidence.evidence_id;
          d.body = body;
          d.created_at = now;
          d.next_attempt_at = now;
          deliveries.push_back(std::move(d));
        }
      }
      last = evidence.leaf_index;
      ++report.evidence;
    }
  }
  if (last == from) return report;
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  WebhookRepository& webhooks = (*uow)->Webhooks();
  if (auto moved = webhooks.MoveCursor(from, last); !moved) return common::Fail(moved.error());
  for (const WebhookDelivery& d : deliveries) {
    if (auto inserted = webhooks.InsertDelivery(d); !inserted)
      return common::Fail(inserted.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  report.deliveries = deliveries.size();
  return report;
}

}  // namespace sealpost::app
