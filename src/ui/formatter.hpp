// Formatter: how numbers, amounts, instants and file sizes read in one language (language.hpp
// gives the formatting locale). Instants are stored in UTC and always shown in Europe/Brussels.
//
// Thread-safety: all methods are const and safe to call concurrently. Numbers, amounts and sizes
// use ICU's LocalizedNumberFormatter, which ICU documents as immutable and thread-safe. ICU date
// formats are not (SimpleDateFormat formats through a mutable Calendar member), so each
// date style has one instance guarded by its own mutex: a format call holds it for about a
// microsecond, which costs less than cloning the format (calendar, time zone, symbols) per call.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "ui/language.hpp"
#include "ui/value.hpp"

namespace sealpost::ui {

class Formatter {
 public:
  // Fails (kInternal) when ICU lacks the locale's data or the Europe/Brussels zone: a start-up
  // error, not something to limp along with.
  static common::Result<Formatter> Create(Language language);

  Formatter(Formatter&&) noexcept;
  Formatter& operator=(Formatter&&) noexcept;
  ~Formatter();

  Language language() const;

  // 1234567 → "1.234.567" (nl-BE), "1 234 567" (fr-BE, narrow no-break spaces), "1,234,567".
  std::string FormatNumber(std::int64_t value) const;
  // Euro cents → "€ 1.234,56" (nl-BE), "1 234,56 €" (fr-BE), "€1,234.56" (en), "1.234,56 €" (de).
  std::string FormatMoney(Money money) const;
  std::string FormatDateTime(DateTime when) const;
  // Decimal units with at most one decimal: "512 bytes", "1,5 kB", "2,4 MB" ("2,4 Mo" in French,
  // which writes octets), "12,5 GB".
  std::string FormatFileSize(FileSize size) const;

  // Any value except MessageKey (which needs the catalogue: see Translator) as display text.
  std::string Format(const Value& value) const;

 private:
  struct Impl;
  explicit Formatter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sealpost::ui
