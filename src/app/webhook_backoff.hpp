// When a failed webhook delivery is tried again: exponential back-off with jitter, so that an
// endpoint that was down is not hit by every queued event at the same instant when it comes back.
// The n-th failure waits the step base·2^(n−1) plus a random 0–50 % of it (never more than
// max_delay); once the step reaches max_delay, it waits between 75 % and 100 % of max_delay.
// Defaults: 30–45 s, 60–90 s, 2–3 min, … up to 4.5–6 h; the last attempt lands exactly
// `give_up_after` (3 days) after the event was queued, and a failure after that gives up. Pure;
// thread-safe.
#pragma once

#include <chrono>
#include <optional>

#include "common/clock.hpp"

namespace sealpost::app {

struct WebhookBackoff {
  std::chrono::seconds base{30};
  std::chrono::seconds max_delay{std::chrono::hours(6)};
  std::chrono::seconds give_up_after{std::chrono::hours(72)};
};

// The wait after `failed_attempts` (>= 1) failures before jitter.
std::chrono::milliseconds BackoffStep(const WebhookBackoff& backoff, int failed_attempts);

// The next attempt after `failed_attempts` failures at `now` for an event queued at `created_at`;
// `jitter` in [0, 1) chooses where in the jitter range it lands. nullopt: give up.
std::optional<common::TimePoint> NextWebhookAttempt(const WebhookBackoff& backoff,
                                                    common::TimePoint created_at,
                                                    common::TimePoint now, int failed_attempts,
                                                    double jitter);

}  // namespace sealpost::app
