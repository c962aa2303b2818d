#include "app/webhook_backoff.hpp"

#include <algorithm>

namespace sealpost::app {

std::chrono::milliseconds BackoffStep(const WebhookBackoff& backoff, int failed_attempts) {
  const std::chrono::milliseconds cap = backoff.max_delay;
  std::chrono::milliseconds step = backoff.base;
  for (int i = 1; i < failed_attempts && step < cap; ++i) step *= 2;
  return std::min(step, cap);
}

std::optional<common::TimePoint> NextWebhookAttempt(const WebhookBackoff& backoff,
                                                    common::TimePoint created_at,
                                                    common::TimePoint now, int failed_attempts,
                                                    double jitter) {
  const common::TimePoint deadline = created_at + backoff.give_up_after;
  if (now >= deadline) return std::nullopt;
  const std::chrono::milliseconds step = BackoffStep(backoff, std::max(failed_attempts, 1));
  jitter = std::clamp(jitter, 0.0, 1.0);
  const auto cap = std::chrono::duration_cast<std::chrono::milliseconds>(backoff.max_delay);
  auto scaled = [](std::chrono::milliseconds d, double factor) {
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(static_cast<double>(d.count()) * factor));
  };
  // Below the cap: the step plus 0–50 %, never past the cap. At the cap: 75–100 % of it.
  const std::chrono::milliseconds wait =
      step >= cap ? scaled(cap, 0.75 + jitter / 4) : std::min(step + scaled(step, jitter / 2), cap);
  return std::min<common::TimePoint>(
      now + std::chrono::duration_cast<std::chrono::microseconds>(wait), deadline);
}

}  // namespace sealpost::app
