#include "domain/belgian_identifiers.hpp"

#include <gtest/gtest.h>

namespace sealpost::domain {
namespace {

TEST(NationalNumber, AcceptsBirthBefore2000) {
  auto n = NationalNumber::Parse("85.07.30-033.28");
  ASSERT_TRUE(n.has_value()) << n.error().ToString();
  EXPECT_EQ(n->digits, "85073003328");
  EXPECT_EQ(n->Formatted(), "85.07.30-033.28");
}

TEST(NationalNumber, AcceptsBirthFrom2000OnlyWithThePrefixRule) {
  // 2170730033 mod 97 = 13 -> 84; without the "2" prefix the check would differ.
  EXPECT_TRUE(NationalNumber::Parse("17.07.30-033.84").has_value());
  EXPECT_FALSE(NationalNumber::Parse("17.07.30-033.28").has_value());
}

TEST(NationalNumber, AcceptsBisNumberWithShiftedMonth) {
  // Month 07 + 20 = 27 (BIS); check over 852730033: 97 - (852730033 mod 97).
  const long long base = 852730033;
  int check = static_cast<int>(97 - base % 97);
  char text[32];
  std::snprintf(text, sizeof text, "85.27.30-033.%02d", check);
  EXPECT_TRUE(NationalNumber::Parse(text).has_value()) << text;
}

TEST(NationalNumber, RejectsWrongCheckDigitsLengthAndLetters) {
  for (const char* bad : {"85.07.30-033.29", "85.07.30-033.2", "85073003328X", "",
                          "85.13.30-033.28", "hello world"}) {
    auto n = NationalNumber::Parse(bad);
    ASSERT_FALSE(n.has_value()) << bad;
    EXPECT_EQ(n.error().code, common::ErrorCode::kInvalidArgument);
    EXPECT_EQ(n.error().reason, "invalid_national_number");
  }
}

TEST(EnterpriseNumber, AcceptsReferenceExamples) {
  auto a = EnterpriseNumber::Parse("0566.988.259");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->digits, "0566988259");
  EXPECT_EQ(a->Formatted(), "0566.988.259");
  EXPECT_EQ(a->VatId(), "BE0566988259");
  // mod = 0 -> check digits 97.
  EXPECT_TRUE(EnterpriseNumber::Parse("0428.759.497").has_value());
  EXPECT_TRUE(EnterpriseNumber::Parse("BE0403019261").has_value());
  EXPECT_TRUE(EnterpriseNumber::Parse("403.019.261").has_value());  // old 9-digit form
}

TEST(EnterpriseNumber, RejectsWrongCheckDigitsAndSeries) {
  EXPECT_FALSE(EnterpriseNumber::Parse("0566.988.258").has_value());
  EXPECT_FALSE(EnterpriseNumber::Parse("2566.988.259").has_value());
  EXPECT_FALSE(EnterpriseNumber::Parse("05669882591").has_value());
  EXPECT_FALSE(EnterpriseNumber::Parse("0566.988.25a").has_value());
}

TEST(StructuredCommunication, MatchesReferenceExamples) {
  EXPECT_EQ(StructuredCommunication("1234567890").value(), "+++123/4567/89002+++");
  EXPECT_EQ(StructuredCommunication("0108068171").value(), "+++010/8068/17183+++");
  EXPECT_TRUE(IsValidStructuredCommunication("+++123/4567/89002+++"));
  EXPECT_FALSE(IsValidStructuredCommunication("+++123/4567/89003+++"));
  EXPECT_FALSE(StructuredCommunication("123456789").has_value());
}

TEST(StructuredCommunication, UsesNinetySevenWhenTheRemainderIsZero) {
  // 97 * 12345 = 1197465 -> base 0001197465 has remainder 0.
  EXPECT_EQ(StructuredCommunication("0001197465").value(), "+++000/1197/46597+++");
}

TEST(UpuS10, MatchesReferenceExamples) {
  EXPECT_EQ(UpuS10CheckDigit("47312482").value(), 9);
  EXPECT_EQ(UpuS10CheckDigit("12345678").value(), 5);
  EXPECT_FALSE(UpuS10CheckDigit("1234567").has_value());
}

}  // namespace
}  // namespace sealpost::domain
