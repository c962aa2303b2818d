// The JSON body of a webhook event (docs/api.md "Webhooks"). Built once when the delivery is
// queued and stored, so every attempt and every replay sends the same bytes:
//   {"id": event id (= the evidence id; receivers de-duplicate on it), "type": "evidence" | "test",
//    "event": EN 319 522 name (e.g. "ContentHandover") | "Test", "event_uri", "evidence_id",
//    "item_id", "delivery_id", "reason_code" (null when none), "occurred_at" (RFC 3339 UTC),
//    "links": {"evidence": "<base>/api/v1/evidence/<id>", "item": "<base>/api/v1/items/<id>"}}
// Pure; thread-safe.
#pragma once

#include <string>

#include "app/ports/webhook_repository.hpp"

namespace sealpost::app {

inline constexpr std::string_view kWebhookTestEventName = "Test";

std::string EvidenceEventBody(const WebhookSourceEvidence& evidence,
                              const std::string& public_base_url);

std::string TestEventBody(const std::string& event_id, common::TimePoint at);

}  // namespace sealpost::app
