#include "domain/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace sealpost::domain {
namespace {

constexpr Cents kMax = 1'000'000;  // 10 000.00 EUR, a plausible top-up cap

TEST(ParseEuroAmount, AcceptsWholeEurosAndOneOrTwoDecimalsWithDotOrComma) {
  EXPECT_EQ(ParseEuroAmount("10", 1, kMax).value(), 1000);
  EXPECT_EQ(ParseEuroAmount("10.5", 1, kMax).value(), 1050);
  EXPECT_EQ(ParseEuroAmount("10,50", 1, kMax).value(), 1050);
  EXPECT_EQ(ParseEuroAmount("0.80", 1, kMax).value(), 80);
  EXPECT_EQ(ParseEuroAmount("0,05", 1, kMax).value(), 5);
  EXPECT_EQ(ParseEuroAmount("  25 ", 1, kMax).value(), 2500);
  EXPECT_EQ(ParseEuroAmount("007.10", 1, kMax).value(), 710);
}

TEST(ParseEuroAmount, RefusesMalformedNegativeAndAmbiguousText) {
  for (const char* bad : {"",       " ",   "-5",    "+5",       "10.123",   "10,001", "10.",
                          ".5",     ",50", "1 000", "1.000,00", "1,000.00", "€10",    "10€",
                          "10 EUR", "1e3", "ten",   "10..5",    "0x10",     "10.5a"}) {
    auto amount = ParseEuroAmount(bad, 1, kMax);
    ASSERT_FALSE(amount.has_value()) << bad;
    EXPECT_EQ(amount.error().code, common::ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(amount.error().reason, "invalid_amount") << bad;
  }
}

TEST(ParseEuroAmount, RefusesAmountsOutsideTheCallersBounds) {
  EXPECT_EQ(ParseEuroAmount("0", 1, kMax).error().reason, "amount_too_small");
  EXPECT_EQ(ParseEuroAmount("0.00", 1, kMax).error().reason, "amount_too_small");
  EXPECT_EQ(ParseEuroAmount("10000.01", 1, kMax).error().reason, "amount_too_large");
  EXPECT_EQ(ParseEuroAmount("10000.00", 1, kMax).value(), kMax);
  EXPECT_EQ(ParseEuroAmount("4.99", 500, kMax).error().reason, "amount_too_small");
}

TEST(ParseEuroAmount, AbsurdlyLongNumbersAreTooLargeNotWrappedAround) {
  auto huge = ParseEuroAmount("92233720368547758.07", 1, std::numeric_limits<Cents>::max());
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().reason, "amount_too_large");
  EXPECT_FALSE(ParseEuroAmount(std::string(400, '9'), 1, std::numeric_limits<Cents>::max()));
  // Leading zeros are not digits of magnitude.
  EXPECT_EQ(ParseEuroAmount(std::string(40, '0') + "12", 1, kMax).value(), 1200);
}

TEST(FormatDecimalAmount, WritesExactlyTwoDecimalsAsMollieAndUblRequire) {
  EXPECT_EQ(FormatDecimalAmount(1000), "10.00");
  EXPECT_EQ(FormatDecimalAmount(1050), "10.50");
  EXPECT_EQ(FormatDecimalAmount(5), "0.05");
  EXPECT_EQ(FormatDecimalAmount(0), "0.00");
  EXPECT_EQ(FormatDecimalAmount(123456789), "1234567.89");
  EXPECT_EQ(FormatDecimalAmount(-150), "-1.50");
  EXPECT_EQ(FormatDecimalAmount(std::numeric_limits<Cents>::min()), "-92233720368547758.08");
}

TEST(FormatDecimalAmount, RoundTripsThroughTheParser) {
  for (Cents cents : {1, 9, 10, 99, 100, 101, 80, 96, 12345, 999999}) {
    EXPECT_EQ(ParseEuroAmount(FormatDecimalAmount(cents), 0, kMax).value(), cents);
  }
}

TEST(VatOf, RoundsHalfUpToTheCent) {
  EXPECT_EQ(VatOf(80, 21).value(), 17);   // 16.8
  EXPECT_EQ(VatOf(50, 21).value(), 11);   // 10.5 → 11
  EXPECT_EQ(VatOf(150, 21).value(), 32);  // 31.5 → 32
  EXPECT_EQ(VatOf(2, 21).value(), 0);     // 0.42
  EXPECT_EQ(VatOf(10000, 21).value(), 2100);
  EXPECT_EQ(VatOf(1234, 6).value(), 74);  // 74.04
  EXPECT_EQ(VatOf(8000, 0).value(), 0);
}

TEST(VatOf, NegativeCorrectionsMirrorPositiveAmounts) {
  EXPECT_EQ(VatOf(-50, 21).value(), -11);
  EXPECT_EQ(VatOf(-80, 21).value(), -17);
}

TEST(VatOf, RefusesImpossibleRatesAndDoesNotOverflow) {
  EXPECT_FALSE(VatOf(100, -1).has_value());
  EXPECT_FALSE(VatOf(100, 101).has_value());
  // The intermediate product exceeds int64 but the result fits.
  Cents big = std::numeric_limits<Cents>::max() / 2;
  auto vat = VatOf(big, 21);
  ASSERT_TRUE(vat.has_value());
  EXPECT_GT(*vat, big / 5);
}

TEST(SplitGross, NetPlusVatIsTheGrossAmount) {
  for (Cents gross : {1, 2, 97, 100, 121, 968, 1000, 12100, 99999}) {
    auto split = SplitGross(gross, 21);
    ASSERT_TRUE(split.has_value());
    EXPECT_EQ(split->net + split->vat, gross) << gross;
    // The VAT is within a cent of what the net amount would carry.
    EXPECT_LE(std::abs(split->vat - VatOf(split->net, 21).value()), 1) << gross;
  }
  EXPECT_EQ(SplitGross(12100, 21)->net, 10000);
  EXPECT_EQ(SplitGross(97, 21)->net, 80);
}

TEST(CheckedArithmetic, ReportsOverflowInsteadOfWrapping) {
  EXPECT_EQ(AddCents(1, 2).value(), 3);
  EXPECT_EQ(AddCents(std::numeric_limits<Cents>::max(), 1).error().reason, "amount_overflow");
  EXPECT_EQ(MultiplyCents(80, 1000).value(), 80000);
  EXPECT_FALSE(MultiplyCents(std::numeric_limits<Cents>::max() / 2, 3).has_value());
}

}  // namespace
}  // namespace sealpost::domain
