// Clock: where "now" comes from. Injected everywhere so that deadlines and expiry are testable.
// Implementations must be thread-safe. All times are UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sealpost::common {

using TimePoint = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override;
};

// RFC 3339 UTC with microseconds, e.g. "2026-11-27T22:10:00.123456Z".
std::string FormatRfc3339(TimePoint t);
// Accepts "YYYY-MM-DDThh:mm:ss[.ffffff]Z" (UTC only).
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace sealpost::common
