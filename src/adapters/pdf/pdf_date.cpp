#include "adapters/pdf/pdf_date.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>

namespace sealpost::adapters::pdf {
namespace {

// Reads exactly `digits` digits at `pos` into `value`.
bool ReadDigits(std::string_view text, std::size_t& pos, int digits, int& value) {
  if (pos + static_cast<std::size_t>(digits) > text.size()) return false;
  value = 0;
  for (int i = 0; i < digits; ++i) {
    const char c = text[pos++];
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::string FormatPdfDate(common::TimePoint time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(seconds - day);
  char text[32];
  std::snprintf(text, sizeof text, "D:%04d%02u%02u%02ld%02ld%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return text;
}

std::optional<common::TimePoint> ParsePdfDate(std::string_view text) {
  std::size_t pos = text.substr(0, 2) == "D:" ? 2 : 0;
  int year = 0;
  if (!ReadDigits(text, pos, 4, year)) return std::nullopt;
  // Month, day, hour, minute, second: each optional, but only from the end.
  int fields[5] = {1, 1, 0, 0, 0};
  for (int& field : fields) {
    if (pos >= text.size() || std::isdigit(static_cast<unsigned char>(text[pos])) == 0) break;
    if (!ReadDigits(text, pos, 2, field)) return std::nullopt;
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos++] == '-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (!ReadDigits(text, pos, 2, hours)) return std::nullopt;
    if (pos < text.size() && text[pos] == '\'') ++pos;
    if (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0 &&
        !ReadDigits(text, pos, 2, minutes)) {
      return std::nullopt;
    }
    offset_minutes = sign * (hours * 60 + minutes);
  }
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(fields[0])),
                                        std::chrono::day(static_cast<unsigned>(fields[1]))};
  if (!ymd.ok() || fields[2] > 23 || fields[3] > 59 || fields[4] > 60) return std::nullopt;
  const auto local = std::chrono::sys_days(ymd) + std::chrono::hours(fields[2]) +
                     std::chrono::minutes(fields[3]) + std::chrono::seconds(fields[4]);
  return common::TimePoint(local - std::chrono::minutes(offset_minutes));
}

}  // namespace sealpost::adapters::pdf
