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
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  WebhookRepository& webhooks = (*uow)->Webhooks();
  auto cursor = webhooks.Cursor();
  if (!cursor) return common::Fail(cursor.error());
  auto fresh = webhooks.EvidenceAfter(*cursor, batch_size_);
  if (!fresh) return common::Fail(fresh.error());
  FanOutReport report;
  if (fresh->empty()) return report;

  std::map<std::string, std::vector<WebhookEndpoint>> endpoints_of;  // by account
  const common::TimePoint now = clock_.Now();
  std::int64_t last = *cursor;
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
        if (auto inserted = webhooks.InsertDelivery(d); !inserted) {
          return common::Fail(inserted.error());
        }
        ++report.deliveries;
      }
    }
    last = evidence.leaf_index;
    ++report.evidence;
  }
  if (last == *cursor) return report;
  if (auto moved = webhooks.MoveCursor(*cursor, last); !moved) return common::Fail(moved.error());
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return report;
}

}  // namespace sealpost::app
