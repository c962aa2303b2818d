// PDF date strings (ISO 32000-1, 7.9.4: "D:YYYYMMDDHHmmSSOHH'mm'"), written in UTC for /M,
// /CreationDate and /ModDate, and read back from signature dictionaries written by any
// application (any zone offset, trailing fields optional). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace sealpost::adapters::pdf {

// "D:YYYYMMDDHHmmSSZ" (seconds precision).
std::string FormatPdfDate(common::TimePoint time);

// std::nullopt when `text` is not a PDF date; the "D:" prefix is optional (some writers, cairo
// 1.16 among them, omit it); a missing zone means UTC.
std::optional<common::TimePoint> ParsePdfDate(std::string_view text);

}  // namespace sealpost::adapters::pdf
