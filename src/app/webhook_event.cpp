#include "app/webhook_event.hpp"

#include <nlohmann/json.hpp>

namespace sealpost::app {

namespace {

nlohmann::json Nullable(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

}  // namespace

std::string EvidenceEventBody(const WebhookSourceEvidence& e, const std::string& public_base_url) {
  const nlohmann::json body = {
      {"id", e.evidence_id},
      {"type", "evidence"},
      {"event", domain::EventName(e.event)},
      {"event_uri", domain::EventUri(e.event)},
      {"evidence_id", e.evidence_id},
      {"item_id", e.item_id},
      {"delivery_id", Nullable(e.delivery_id)},
      {"reason_code", Nullable(e.reason_code)},
      {"occurred_at", common::FormatRfc3339(e.event_time)},
      {"links",
       {{"evidence", public_base_url + "/api/v1/evidence/" + e.evidence_id},
        {"item", public_base_url + "/api/v1/items/" + e.item_id}}}};
  return body.dump();
}

std::string TestEventBody(const std::string& event_id, common::TimePoint at) {
  const nlohmann::json body = {{"id", event_id},
                               {"type", "test"},
                               {"event", kWebhookTestEventName},
                               {"event_uri", nullptr},
                               {"evidence_id", nullptr},
                               {"item_id", nullptr},
                               {"delivery_id", nullptr},
                               {"reason_code", nullptr},
                               {"occurred_at", common::FormatRfc3339(at)},
                               {"links", nlohmann::json::object()}};
  return body.dump();
}

}  // namespace sealpost::app
