// SendWebhookDeliveries: the job that empties the webhook delivery queue, like SendQueuedMail for
// e-mail. RunOnce takes the due deliveries (oldest first), signs each with the endpoint's current
// secret (and the previous one while a rotation overlaps), POSTs it through the WebhookTransport
// and records the attempt (time, status code, error, duration) with the outcome, each in a short
// transaction of its own — none is held open across HTTP:
//   2xx                                       → delivered
//   any other status, refused or no answer    → retried with back-off (app/webhook_backoff.hpp),
//                                               given up 3 days after the event was queued
//   endpoint deleted                          → given up at once
// A slow or dead endpoint never holds up the others: the batch is grouped by endpoint, the groups
// are sent by up to `workers` threads side by side (each endpoint's deliveries one after another,
// at most `per_endpoint` of them per run), and once an endpoint gave no answer at all (refused,
// time-out) its remaining deliveries wait for the next run instead of each waiting for a time-out.
// The scheduler runs one job at a time, so a run starts no new request after `run_budget`: the
// mail and expiry jobs are never held up for long by webhooks.
// Delivery is AT-LEAST-ONCE: a crash between the endpoint's answer and the record leaves the
// delivery due and it is sent again with the same event id. Logs name delivery and endpoint ids
// and status codes only — never a secret, a signature or a body. RunOnce must not run
// concurrently with itself (the scheduler never overlaps a job).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string_view>

#include "app/ports/database.hpp"
#include "app/ports/webhook_transport.hpp"
#include "app/webhook_backoff.hpp"
#include "app/webhook_secret_box.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct SendWebhooksReport {
  std::size_t delivered = 0;
  std::size_t retried = 0;
  std::size_t failed = 0;
  std::size_t store_errors = 0;
};

struct SendWebhooksSettings {
  WebhookBackoff backoff;
  std::size_t batch_size = 200;   // due deliveries read per run
  std::size_t per_endpoint = 10;  // sent per endpoint per run
  std::size_t workers = 8;        // endpoints served side by side
  std::chrono::milliseconds run_budget{std::chrono::seconds(15)};
};

class SendWebhookDeliveries {
 public:
  using LogSink = std::function<void(std::string_view line)>;

  SendWebhookDeliveries(Database& database, ContentCipher& cipher, WebhookTransport& transport,
                        const common::Clock& clock, common::Random& random,
                        SendWebhooksSettings settings, LogSink log = {});
  common::Result<SendWebhooksReport> RunOnce();

 private:
  enum class Outcome { kDelivered, kRetried, kFailed, kStoreError, kNoAnswer };
  Outcome Process(const WebhookDelivery& delivery);
  Outcome Record(const WebhookDelivery& delivery, WebhookAttempt attempt, bool delivered,
                 bool give_up);
  double Jitter();
  void Log(const WebhookDelivery& delivery, std::string_view what) const;

  Database& database_;
  WebhookSecretBox secrets_;
  WebhookTransport& transport_;
  const common::Clock& clock_;
  common::Random& random_;
  const SendWebhooksSettings settings_;
  const LogSink log_;
};

}  // namespace sealpost::app
