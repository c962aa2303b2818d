// Formatter: what ICU actually produces for each language, asserted byte for byte (including the
// no-break spaces it uses), so that an ICU upgrade that changes a format is noticed.
#include "ui/formatter.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::kNbsp;
using testing::kNnbsp;

const Formatter& For(Language language) { return testing::ShippedTranslator().formatter(language); }

common::TimePoint Utc(const char* rfc3339) {
  auto t = common::ParseRfc3339(rfc3339);
  if (!t) std::abort();
  return *t;
}

std::string S(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& part : parts) out += part;
  return out;
}

TEST(Formatter, MoneyPerLocale) {
  const Money amount{123456};
  EXPECT_EQ(For(Language::kNl).FormatMoney(amount), S({"€", kNbsp, "1.234,56"}));
  EXPECT_EQ(For(Language::kFr).FormatMoney(amount), S({"1", kNnbsp, "234,56", kNbsp, "€"}));
  EXPECT_EQ(For(Language::kEn).FormatMoney(amount), "€1,234.56");
  EXPECT_EQ(For(Language::kDe).FormatMoney(amount), S({"1.234,56", kNbsp, "€"}));
}

TEST(Formatter, MoneyEdgeCases) {
  EXPECT_EQ(For(Language::kNl).FormatMoney({0}), S({"€", kNbsp, "0,00"}));
  EXPECT_EQ(For(Language::kNl).FormatMoney({80}), S({"€", kNbsp, "0,80"}));
  EXPECT_EQ(For(Language::kNl).FormatMoney({-80}), S({"€", kNbsp, "-0,80"}));
  EXPECT_EQ(For(Language::kEn).FormatMoney({-80}), "-€0.80");
  EXPECT_EQ(For(Language::kDe).FormatMoney({5}), S({"0,05", kNbsp, "€"}));
  // Exact at the ends of int64: no floating point on the way.
  EXPECT_EQ(For(Language::kEn).FormatMoney({std::numeric_limits<std::int64_t>::max()}),
            "€92,233,720,368,547,758.07");
  EXPECT_EQ(For(Language::kEn).FormatMoney({std::numeric_limits<std::int64_t>::min()}),
            "-€92,233,720,368,547,758.08");
}

TEST(Formatter, Numbers) {
  EXPECT_EQ(For(Language::kNl).FormatNumber(1234567), "1.234.567");
  EXPECT_EQ(For(Language::kFr).FormatNumber(1234567), S({"1", kNnbsp, "234", kNnbsp, "567"}));
  EXPECT_EQ(For(Language::kEn).FormatNumber(1234567), "1,234,567");
  EXPECT_EQ(For(Language::kDe).FormatNumber(1234567), "1.234.567");
  EXPECT_EQ(For(Language::kNl).FormatNumber(-42), "-42");
}

TEST(Formatter, FileSizes) {
  EXPECT_EQ(For(Language::kNl).FormatFileSize({2'400'000}), "2,4 MB");
  EXPECT_EQ(For(Language::kEn).FormatFileSize({2'400'000}), "2.4 MB");
  EXPECT_EQ(For(Language::kDe).FormatFileSize({2'400'000}), "2,4 MB");
  // French writes octets.
  EXPECT_EQ(For(Language::kFr).FormatFileSize({2'400'000}), S({"2,4", kNnbsp, "Mo"}));

  EXPECT_EQ(For(Language::kEn).FormatFileSize({0}), "0 bytes");
  EXPECT_EQ(For(Language::kEn).FormatFileSize({1}), "1 byte");
  EXPECT_EQ(For(Language::kEn).FormatFileSize({512}), "512 bytes");
  EXPECT_EQ(For(Language::kFr).FormatFileSize({512}), S({"512", kNbsp, "octets"}));
  EXPECT_EQ(For(Language::kNl).FormatFileSize({1'536}), "1,5 kB");
  EXPECT_EQ(For(Language::kNl).FormatFileSize({50'000'000}), "50 MB");
  EXPECT_EQ(For(Language::kNl).FormatFileSize({1'250'000'000}), "1,3 GB");  // half up
  // Rounding that reaches 1000 moves to the next unit.
  EXPECT_EQ(For(Language::kEn).FormatFileSize({999'960}), "1 MB");
  EXPECT_EQ(For(Language::kEn).FormatFileSize({999'940}), "999.9 kB");
  EXPECT_EQ(For(Language::kEn).FormatFileSize({std::numeric_limits<std::uint64_t>::max()}),
            "18,446,744.1 TB");
}

// Europe/Brussels switches to summer time on 2026-03-29 at 01:00 UTC (02:00 CET → 03:00 CEST)
// and back on 2026-10-25 at 01:00 UTC (03:00 CEST → 02:00 CET).
TEST(Formatter, DatesAcrossDaylightSavingTimeInEveryLanguage) {
  const auto before_spring = Utc("2026-03-29T00:59:00Z");
  const auto after_spring = Utc("2026-03-29T01:00:00Z");
  const auto before_autumn = Utc("2026-10-25T00:59:00Z");
  const auto after_autumn = Utc("2026-10-25T01:00:00Z");
  struct Case {
    Language language;
    const char* spring_before;
    const char* spring_after;
    const char* autumn_before;
    const char* autumn_after;
  };
  const Case cases[] = {
      {Language::kNl, "29 maart 2026 om 01:59", "29 maart 2026 om 03:00",
       "25 oktober 2026 om 02:59", "25 oktober 2026 om 02:00"},
      {Language::kFr, "29 mars 2026 à 01:59", "29 mars 2026 à 03:00", "25 octobre 2026 à 02:59",
       "25 octobre 2026 à 02:00"},
      {Language::kEn, "29 March 2026 at 01:59", "29 March 2026 at 03:00",
       "25 October 2026 at 02:59", "25 October 2026 at 02:00"},
      {Language::kDe, "29. März 2026 um 01:59", "29. März 2026 um 03:00",
       "25. Oktober 2026 um 02:59", "25. Oktober 2026 um 02:00"},
  };
  for (const Case& c : cases) {
    const Formatter& f = For(c.language);
    SCOPED_TRACE(LanguageCode(c.language));
    EXPECT_EQ(f.FormatDateTime({before_spring}), c.spring_before);
    EXPECT_EQ(f.FormatDateTime({after_spring}), c.spring_after);
    EXPECT_EQ(f.FormatDateTime({before_autumn}), c.autumn_before);
    EXPECT_EQ(f.FormatDateTime({after_autumn}), c.autumn_after);
  }
}

// In the repeated hour of October, only the zone tells 02:30 CEST from 02:30 CET: deadlines and
// proofs use kDateTimeWithZone.
TEST(Formatter, TheZoneDisambiguatesTheRepeatedAutumnHour) {
  const auto first = Utc("2026-10-25T00:30:00Z");
  const auto second = Utc("2026-10-25T01:30:00Z");
  auto zoned = [](Language language, common::TimePoint t) {
    return For(language).FormatDateTime({t, DateTimeStyle::kDateTimeWithZone});
  };
  EXPECT_EQ(zoned(Language::kNl, first), "25 oktober 2026 om 02:30 CEST");
  EXPECT_EQ(zoned(Language::kNl, second), "25 oktober 2026 om 02:30 CET");
  EXPECT_EQ(zoned(Language::kFr, first), "25 octobre 2026 à 02:30 UTC+2");
  EXPECT_EQ(zoned(Language::kFr, second), "25 octobre 2026 à 02:30 UTC+1");
  EXPECT_EQ(zoned(Language::kEn, first), "25 October 2026 at 02:30 CEST");
  EXPECT_EQ(zoned(Language::kEn, second), "25 October 2026 at 02:30 CET");
  EXPECT_EQ(zoned(Language::kDe, first), "25. Oktober 2026 um 02:30 MESZ");
  EXPECT_EQ(zoned(Language::kDe, second), "25. Oktober 2026 um 02:30 MEZ");
}

TEST(Formatter, OtherDateStyles) {
  const auto t = Utc("2026-11-27T22:10:00Z");  // 23:10 in Brussels
  EXPECT_EQ(For(Language::kNl).FormatDateTime({t, DateTimeStyle::kDate}), "27 november 2026");
  EXPECT_EQ(For(Language::kNl).FormatDateTime({t, DateTimeStyle::kTime}), "23:10");
  EXPECT_EQ(For(Language::kDe).FormatDateTime({t, DateTimeStyle::kShortDateTime}),
            "27. Nov. 2026, 23:10");
  // The day changes with the zone: 23:30 UTC on the 31st is already the 1st in Brussels.
  EXPECT_EQ(For(Language::kEn).FormatDateTime({Utc("2026-12-31T23:30:00Z"), DateTimeStyle::kDate}),
            "1 January 2027");
}

TEST(Formatter, AnyValueAsText) {
  const Formatter& f = For(Language::kNl);
  EXPECT_EQ(f.Format(Value{std::string("<b>")}), "<b>");
  EXPECT_EQ(f.Format(Value{std::int64_t{1500}}), "1.500");
  EXPECT_EQ(f.Format(Value{Money{150}}), S({"€", kNbsp, "1,50"}));
  EXPECT_EQ(f.Format(Value{FileSize{2'400'000}}), "2,4 MB");
}

}  // namespace
}  // namespace sealpost::ui
