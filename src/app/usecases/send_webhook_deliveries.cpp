#include "app/usecases/send_webhook_deliveries.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <thread>

namespace sealpost::app {

SendWebhookDeliveries::SendWebhookDeliveries(Database& database, ContentCipher& cipher,
                                             WebhookTransport& transport,
                                             const common::Clock& clock, common::Random& random,
                                             SendWebhooksSettings settings, LogSink log)
    : database_(database),
      secrets_(cipher),
      transport_(transport),
      clock_(clock),
      random_(random),
      settings_(settings),
      log_(std::move(log)) {}

common::Result<SendWebhooksReport> SendWebhookDeliveries::RunOnce() {
  std::vector<WebhookDelivery> due;
  {
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    auto rows = (*uow)->Webhooks().DueDeliveries(clock_.Now(), settings_.batch_size);
    if (!rows) return common::Fail(rows.error());
    due = std::move(*rows);
  }  // read only: rolled back before any HTTP
  // One queue per endpoint, oldest first; endpoints in the order of their oldest due delivery.
  std::vector<std::vector<const WebhookDelivery*>> queues;
  std::map<std::string, std::size_t> queue_of;
  for (const WebhookDelivery& delivery : due) {
    auto [it, fresh] = queue_of.emplace(delivery.endpoint_id, queues.size());
    if (fresh) queues.emplace_back();
    if (queues[it->second].size() < settings_.per_endpoint) {
      queues[it->second].push_back(&delivery);
    }
  }

  const auto stop_starting = std::chrono::steady_clock::now() + settings_.run_budget;
  SendWebhooksReport report;
  std::mutex mutex;  // guards `report` and `next_queue`
  std::size_t next_queue = 0;
  auto work = [&] {
    while (true) {
      std::size_t index = 0;
      {
        std::lock_guard lock(mutex);
        if (next_queue == queues.size()) return;
        index = next_queue++;
      }
      for (const WebhookDelivery* delivery : queues[index]) {
        if (std::chrono::steady_clock::now() >= stop_starting) return;  // the rest: next run
        const Outcome outcome = Process(*delivery);
        std::lock_guard lock(mutex);
        switch (outcome) {
          case Outcome::kDelivered:
            ++report.delivered;
            break;
          case Outcome::kRetried:
          case Outcome::kNoAnswer:
            ++report.retried;
            break;
          case Outcome::kFailed:
            ++report.failed;
            break;
          case Outcome::kStoreError:
            ++report.store_errors;
            break;
        }
        // No answer at all: the endpoint's other deliveries wait for the next run.
        if (outcome == Outcome::kNoAnswer) break;
      }
    }
  };
  const std::size_t threads = std::min(std::max<std::size_t>(settings_.workers, 1), queues.size());
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return report;
}

SendWebhookDeliveries::Outcome SendWebhookDeliveries::Process(const WebhookDelivery& delivery) {
  WebhookAttempt attempt;
  attempt.delivery_id = delivery.id;
  attempt.number = delivery.attempts + 1;
  attempt.attempted_at = clock_.Now();

  std::optional<WebhookEndpoint> endpoint;
  {
    auto uow = database_.Begin();
    if (!uow) return Outcome::kStoreError;
    auto found = (*uow)->Webhooks().FindEndpoint(delivery.endpoint_id);
    if (!found) return Outcome::kStoreError;
    endpoint = std::move(*found);
  }
  if (!endpoint || endpoint->deleted_at) {
    attempt.error = "the endpoint was deleted";
    return Record(delivery, std::move(attempt), false, true);
  }
  WebhookMessage message;
  message.url = endpoint->url;
  message.event_id = delivery.event_id;
  message.body = delivery.body;
  message.timestamp = attempt.attempted_at;
  auto current = secrets_.Open(endpoint->wrapped_key, endpoint->id, endpoint->secret);
  if (!current) {
    attempt.error = "the signing secret cannot be read: " + current.error().message;
    return Record(delivery, std::move(attempt), false, false);
  }
  message.secrets.push_back(std::move(*current));
  if (!endpoint->previous_secret.empty() && endpoint->previous_secret_until &&
      *endpoint->previous_secret_until > attempt.attempted_at) {
    auto previous = secrets_.Open(endpoint->wrapped_key, endpoint->id, endpoint->previous_secret);
    if (previous) message.secrets.push_back(std::move(*previous));
  }

  const auto started = std::chrono::steady_clock::now();
  auto reply = transport_.Deliver(message);
  attempt.duration_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::steady_clock::now() - started)
                                             .count());
  if (!reply) {
    attempt.error = reply.error().message;
    const Outcome outcome = Record(delivery, std::move(attempt), false, false);
    return outcome == Outcome::kRetried ? Outcome::kNoAnswer : outcome;
  }
  attempt.status_code = reply->status;
  const bool ok = reply->status >= 200 && reply->status < 300;
  if (!ok) attempt.error = "the endpoint answered HTTP " + std::to_string(reply->status);
  return Record(delivery, std::move(attempt), ok, false);
}

SendWebhookDeliveries::Outcome SendWebhookDeliveries::Record(const WebhookDelivery& delivery,
                                                             WebhookAttempt attempt, bool delivered,
                                                             bool give_up) {
  const common::TimePoint now = clock_.Now();
  std::optional<common::TimePoint> delivered_at, next, failed_at;
  Outcome outcome = Outcome::kDelivered;
  if (delivered) {
    delivered_at = now;
  } else {
    if (!give_up)
      next =
          NextWebhookAttempt(settings_.backoff, delivery.created_at, now, attempt.number, Jitter());
    if (next) {
      outcome = Outcome::kRetried;
    } else {
      failed_at = now;
      outcome = Outcome::kFailed;
    }
  }
  const std::string error = attempt.error;
  auto uow = database_.Begin();
  if (!uow) return Outcome::kStoreError;
  auto recorded = (*uow)->Webhooks().RecordAttempt(attempt, delivered_at, next, failed_at);
  if (!recorded || !(*uow)->Commit()) {
    Log(delivery, "attempt " + std::to_string(attempt.number) + " could not be recorded");
    return Outcome::kStoreError;
  }
  const std::string status =
      attempt.status_code ? " (HTTP " + std::to_string(*attempt.status_code) + ")" : "";
  switch (outcome) {
    case Outcome::kDelivered:
      Log(delivery, "delivered" + status);
      break;
    case Outcome::kRetried:
      Log(delivery, "attempt " + std::to_string(attempt.number) + " failed" + status +
                        "; next at " + common::FormatRfc3339(*next));
      break;
    default:
      Log(delivery, "given up after attempt " + std::to_string(attempt.number) + status);
      break;
  }
  return outcome;
}

double SendWebhookDeliveries::Jitter() {
  const common::Bytes bytes = random_.Generate(4);
  std::uint32_t value = 0;
  for (auto b : bytes) value = (value << 8) | b;
  return static_cast<double>(value) / 4294967296.0;
}

void SendWebhookDeliveries::Log(const WebhookDelivery& delivery, std::string_view what) const {
  const std::string line = "webhook delivery " + delivery.id + " (endpoint " +
                           delivery.endpoint_id + ", " + delivery.event_name + ") " +
                           std::string(what);
  if (log_) {
    log_(line);
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
}

}  // namespace sealpost::app
