// How domain values are written to SQL columns the same way on every backend: times as BIGINT
// microseconds since the Unix epoch (sortable, exact, no time-zone parsing), optional values as
// NULL. Pure inline functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace sealpost::adapters::storage {

// SOCI 4.0.3 binds `long long` portably (int64_t is `long` here and not an exchange type
// everywhere).
inline long long ToMicros(common::TimePoint t) {
  return static_cast<long long>(t.time_since_epoch().count());
}

inline common::TimePoint FromMicros(long long micros) {
  return common::TimePoint(std::chrono::microseconds(micros));
}

// ASCII-only lower case: the same on SQLite (whose lower() is ASCII-only) and PostgreSQL (whose
// lower() follows the locale), so email lookups match identically on both.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sealpost::adapters::storage
