#include "ui/formatter.hpp"

#include <unicode/datefmt.h>
#include <unicode/measunit.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>

#include <array>
#include <mutex>

#include "ui/icu_text.hpp"

namespace sealpost::ui {
namespace {

namespace number = icu::number;

constexpr const char* kTimeZone = "Europe/Brussels";
constexpr std::size_t kStyleCount = 5;

// Skeletons, not fixed patterns: ICU picks each locale's order, separators and 12/24-hour clock
// ("j"), so "29 maart 2026 om 03:00" and "29. März 2026 um 03:00" come from one definition.
const char16_t* Skeleton(DateTimeStyle style) {
  switch (style) {
    case DateTimeStyle::kDate:
      return u"yMMMMd";
    case DateTimeStyle::kTime:
      return u"jjmm";
    case DateTimeStyle::kDateTime:
      return u"yMMMMdjjmm";
    case DateTimeStyle::kShortDateTime:
      return u"yMMMdjjmm";
    case DateTimeStyle::kDateTimeWithZone:
      return u"yMMMMdjjmmz";
  }
  return u"yMMMMdjjmm";
}

// "-1234.56" for -123456 cents: exact decimal text, so ICU never sees a binary fraction.
std::string CentsAsDecimal(std::int64_t cents) {
  bool negative = cents < 0;
  // Unsigned negation is defined for INT64_MIN too.
  std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(cents) + 1 : static_cast<std::uint64_t>(cents);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 100);
  out += '.';
  std::uint64_t rest = magnitude % 100;
  out += static_cast<char>('0' + rest / 10);
  out += static_cast<char>('0' + rest % 10);
  return out;
}

struct DateFormatSlot {
  std::mutex mutex;
  std::unique_ptr<icu::DateFormat> format;
};

}  // namespace

struct Formatter::Impl {
  Language language;
  number::LocalizedNumberFormatter integer;
  number::LocalizedNumberFormatter money;
  number::LocalizedNumberFormatter bytes;                 // below 1 kB: "512 bytes"
  std::array<number::LocalizedNumberFormatter, 4> sizes;  // kB, MB, GB, TB
  std::array<DateFormatSlot, kStyleCount> dates;
};

common::Result<Formatter> Formatter::Create(Language language) {
  const icu::Locale locale(FormattingLocale(language));
  UErrorCode status = U_ZERO_ERROR;
  auto impl = std::make_unique<Impl>();
  impl->language = language;
  auto base = number::NumberFormatter::withLocale(locale);
  impl->integer = base;
  impl->money = base.unit(icu::CurrencyUnit(u"EUR", status));
  impl->bytes = base.unit(icu::MeasureUnit::getByte()).unitWidth(UNUM_UNIT_WIDTH_FULL_NAME);
  const icu::MeasureUnit units[] = {
      icu::MeasureUnit::getKilobyte(), icu::MeasureUnit::getMegabyte(),
      icu::MeasureUnit::getGigabyte(), icu::MeasureUnit::getTerabyte()};
  for (std::size_t i = 0; i < impl->sizes.size(); ++i) {
    impl->sizes[i] = base.unit(units[i])
                         .unitWidth(UNUM_UNIT_WIDTH_SHORT)
                         .precision(number::Precision::maxFraction(1));
  }
  if (U_FAILURE(status)) {
    return common::Fail(common::ErrorCode::kInternal,
                        "ICU has no euro currency data: " + internal::IcuErrorName(status));
  }

  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(kTimeZone));
  if (!zone || *zone == icu::TimeZone::getUnknown()) {
    return common::Fail(common::ErrorCode::kInternal,
                        std::string("ICU does not know the time zone ") + kTimeZone +
                            " (is the ICU data package installed?)");
  }
  for (std::size_t i = 0; i < kStyleCount; ++i) {
    auto style = static_cast<DateTimeStyle>(i);
    impl->dates[i].format.reset(
        icu::DateFormat::createInstanceForSkeleton(Skeleton(style), locale, status));
    if (U_FAILURE(status) || !impl->dates[i].format) {
      return common::Fail(common::ErrorCode::kInternal,
                          std::string("ICU cannot format dates for ") + FormattingLocale(language) +
                              ": " + internal::IcuErrorName(status));
    }
    impl->dates[i].format->setTimeZone(*zone);
  }
  return Formatter(std::move(impl));
}

Formatter::Formatter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Formatter::Formatter(Formatter&&) noexcept = default;
Formatter& Formatter::operator=(Formatter&&) noexcept = default;
Formatter::~Formatter() = default;

Language Formatter::language() const { return impl_->language; }

std::string Formatter::FormatNumber(std::int64_t value) const {
  UErrorCode status = U_ZERO_ERROR;
  auto text = impl_->integer.formatInt(value, status).toString(status);
  return U_FAILURE(status) ? std::to_string(value) : internal::ToUtf8(text);
}

std::string Formatter::FormatMoney(Money money) const {
  UErrorCode status = U_ZERO_ERROR;
  std::string decimal = CentsAsDecimal(money.cents);
  auto text = impl_->money.formatDecimal(decimal, status).toString(status);
  return U_FAILURE(status) ? decimal + " EUR" : internal::ToUtf8(text);
}

std::string Formatter::FormatDateTime(DateTime when) const {
  // ICU's UDate is milliseconds since the epoch; floor so that an instant before 1970 does not
  // round towards it.
  auto ms = std::chrono::floor<std::chrono::milliseconds>(when.time.time_since_epoch()).count();
  auto index = static_cast<std::size_t>(when.style);
  if (index >= kStyleCount) index = static_cast<std::size_t>(DateTimeStyle::kDateTime);
  DateFormatSlot& slot = impl_->dates[index];
  icu::UnicodeString text;
  {
    std::lock_guard lock(slot.mutex);
    slot.format->format(static_cast<UDate>(ms), text);
  }
  return internal::ToUtf8(text);
}

std::string Formatter::FormatFileSize(FileSize size) const {
  UErrorCode status = U_ZERO_ERROR;
  if (size.bytes < 1000) {
    auto text =
        impl_->bytes.formatInt(static_cast<std::int64_t>(size.bytes), status).toString(status);
    return internal::ToUtf8(text);
  }
  // Round to tenths of the unit first (half up, in integers), then move to the next unit when
  // rounding reached 1000: 999 950 bytes reads "1 MB", not "1.000 kB".
  std::uint64_t divisor = 1000;
  std::size_t unit = 0;
  std::uint64_t tenths = 0;
  for (;; ++unit, divisor *= 1000) {
    std::uint64_t step = divisor / 10;
    tenths = size.bytes / step + ((size.bytes % step) * 2 >= step ? 1 : 0);
    if (tenths < 10000 || unit + 1 == impl_->sizes.size()) break;
  }
  std::string decimal = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
  auto text = impl_->sizes[unit].formatDecimal(decimal, status).toString(status);
  return U_FAILURE(status) ? decimal : internal::ToUtf8(text);
}

std::string Formatter::Format(const Value& value) const {
  struct Visitor {
    const Formatter& f;
    std::string operator()(const std::string& text) const { return text; }
    std::string operator()(std::int64_t number) const { return f.FormatNumber(number); }
    std::string operator()(Money money) const { return f.FormatMoney(money); }
    std::string operator()(const DateTime& when) const { return f.FormatDateTime(when); }
    std::string operator()(FileSize size) const { return f.FormatFileSize(size); }
    std::string operator()(const MessageKey& key) const { return key.key; }
  };
  return std::visit(Visitor{*this}, value);
}

}  // namespace sealpost::ui
