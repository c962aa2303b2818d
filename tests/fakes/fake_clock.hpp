// FakeClock: a clock that tests move by hand. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>

#include "common/clock.hpp"

namespace sealpost::testing {

class FakeClock final : public common::Clock {
 public:
  explicit FakeClock(common::TimePoint start) : now_(start.time_since_epoch().count()) {}
  common::TimePoint Now() const override {
    return common::TimePoint(std::chrono::microseconds(now_.load()));
  }
  void Advance(std::chrono::microseconds d) { now_ += d.count(); }
  void Set(common::TimePoint t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace sealpost::testing
