// Value: what a caller hands to the presentation layer to be shown — in a template ({{name}}) or as
// an argument of a catalogue message ({name}). Values are language-neutral; they become text only
// when a page, e-mail or PDF is produced for one language (formatter.hpp), so one set of values can
// be rendered in all four languages. Plain data, thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/clock.hpp"

namespace sealpost::ui {

// An amount in euro cents, shown with the currency per locale ("€ 1.234,56" in nl-BE). Integer
// cents end to end: no binary floating point ever touches money.
struct Money {
  std::int64_t cents = 0;
};

enum class DateTimeStyle {
  kDate,              // 29 maart 2026
  kTime,              // 03:00
  kDateTime,          // 29 maart 2026 om 03:00
  kShortDateTime,     // 29 mrt 2026 03:00 — tables, lists
  kDateTimeWithZone,  // 29 maart 2026 om 03:00 CEST — deadlines and proofs, unambiguous at DST
};

// A UTC instant, shown in Europe/Brussels.
struct DateTime {
  common::TimePoint time;
  DateTimeStyle style = DateTimeStyle::kDateTime;
};

// A size in bytes, shown with decimal units: "2,4 MB" (1 MB = 1 000 000 bytes, as the upload limit
// is stated).
struct FileSize {
  std::uint64_t bytes = 0;
};

// A catalogue message chosen at run time (an error message, a state label), formatted for the
// language with the other values around it as its arguments.
struct MessageKey {
  std::string key;
};

// Text (UTF-8, shown as is — templates escape it), an integer (shown as a localized number,
// selects plural forms: pass identifiers as text), or one of the typed values above.
using Value = std::variant<std::string, std::int64_t, Money, DateTime, FileSize, MessageKey>;

// Named arguments of one message, e.g. {{"count", 3}, {"price", ui::Money{80}}}.
using MessageArgs = std::vector<std::pair<std::string, Value>>;

}  // namespace sealpost::ui
