// Persistence of webhooks (PRODUCT §7): the endpoints an account registered, the queue of event
// deliveries to them (durable, like the mail outbox: a row is written in the transaction that
// decides it, then sent by a job), every attempt made, and the fan-out cursor — the last evidence
// log index already turned into deliveries. Used only inside a UnitOfWork.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::app {

struct WebhookEndpoint {
  std::string id;  // UUID
  std::string account_id;
  std::string url;
  std::string description;
  std::string wrapped_key;      // the endpoint's AES key, wrapped by the master key
  std::string secret;           // the signing secret, encrypted under wrapped_key (base64)
  std::string previous_secret;  // encrypted likewise; empty when none
  std::optional<common::TimePoint> previous_secret_until;  // it signs too until then
  common::TimePoint created_at;
  std::optional<common::TimePoint> deleted_at;
};

struct WebhookDelivery {
  std::string id;           // UUID
  std::string endpoint_id;  // the endpoint it goes to
  std::string event_id;     // what receivers de-duplicate on; a replay keeps it
  std::string event_name;   // e.g. "ContentHandover", or "ping" for a test event
  std::string evidence_id;  // empty for a test event
  std::string body;         // the exact JSON sent, frozen when the row is written
  std::string replay_of;    // the delivery this one replays; empty otherwise
  common::TimePoint created_at;
  common::TimePoint next_attempt_at;
  int attempts = 0;
  std::optional<common::TimePoint> delivered_at;
  std::optional<common::TimePoint> failed_at;  // given up
  std::optional<int> last_status;              // HTTP status of the last attempt, if any
  std::string last_error;
};

struct WebhookAttempt {
  std::string delivery_id;
  int number = 0;  // 1, 2, …
  common::TimePoint attempted_at;
  std::optional<int> status_code;  // none when no HTTP answer came (refused, time-out)
  std::string error;               // empty on success
  int duration_ms = 0;
};

// One evidence record the fan-out has not handled yet, with the account that sent its item.
struct WebhookSourceEvidence {
  std::int64_t leaf_index = 0;
  std::string evidence_id;
  std::string item_id;
  std::string delivery_id;  // may be empty
  domain::EvidenceEvent event = domain::EvidenceEvent::kSubmissionAcceptance;
  std::string reason_code;
  common::TimePoint event_time;
  std::string sender_account_id;
};

class WebhookRepository {
 public:
  virtual ~WebhookRepository() = default;

  virtual common::Result<void> InsertEndpoint(const WebhookEndpoint& endpoint) = 0;
  // Deleted endpoints included (their deliveries stay visible).
  virtual common::Result<std::optional<WebhookEndpoint>> FindEndpoint(const std::string& id) = 0;
  // Not deleted, oldest first.
  virtual common::Result<std::vector<WebhookEndpoint>> ActiveEndpoints(
      const std::string& account_id) = 0;
  // kNotFound when the endpoint does not exist or is deleted.
  virtual common::Result<void> MarkEndpointDeleted(const std::string& id, common::TimePoint at) = 0;
  virtual common::Result<void> UpdateSecrets(const std::string& id, const std::string& secret,
                                             const std::string& previous_secret,
                                             std::optional<common::TimePoint> previous_until) = 0;

  virtual common::Result<void> InsertDelivery(const WebhookDelivery& delivery) = 0;
  virtual common::Result<std::optional<WebhookDelivery>> FindDelivery(const std::string& id) = 0;
  // Newest first, at most `limit`.
  virtual common::Result<std::vector<WebhookDelivery>> DeliveriesOf(const std::string& endpoint_id,
                                                                    std::size_t limit) = 0;
  // Neither delivered nor given up, next_attempt_at <= now; oldest first.
  virtual common::Result<std::vector<WebhookDelivery>> DueDeliveries(common::TimePoint now,
                                                                     std::size_t limit) = 0;
  // Records `attempt` and its outcome on the delivery: delivered (delivered_at set), retry
  // (next_attempt_at moved) or given up (failed_at set) — exactly one of the three optionals is
  // used, in that order of precedence. kNotFound when the delivery is already settled.
  virtual common::Result<void> RecordAttempt(const WebhookAttempt& attempt,
                                             std::optional<common::TimePoint> delivered_at,
                                             std::optional<common::TimePoint> next_attempt_at,
                                             std::optional<common::TimePoint> failed_at) = 0;
  // Oldest first.
  virtual common::Result<std::vector<WebhookAttempt>> AttemptsOf(
      const std::string& delivery_id) = 0;

  // The last evidence log index fanned out (-1 before the first).
  virtual common::Result<std::int64_t> Cursor() = 0;
  // kConflict unless the stored cursor is still `expected` (another fan-out moved it).
  virtual common::Result<void> MoveCursor(std::int64_t expected, std::int64_t to) = 0;
  // Evidence with leaf_index > `after`, in log order, at most `limit`.
  virtual common::Result<std::vector<WebhookSourceEvidence>> EvidenceAfter(std::int64_t after,
                                                                           std::size_t limit) = 0;
};

}  // namespace sealpost::app
