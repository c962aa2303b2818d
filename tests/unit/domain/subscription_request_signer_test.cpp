#include "domain/subscription_request_signer.hpp"

#include <gtest/gtest.h>

namespace sealpost::domain {
namespace {

const std::vector<LegalRepresentative> kBoard{
    {"Marie Dubois", std::nullopt},
    {"Jan Peeters", "85073003328"},
};

TEST(SignerSerialNumber, ReadsBelgianNationalNumbersInBothForms) {
  EXPECT_EQ(BelgianNationalNumberFromSerial("PNOBE-85073003328").value(), "85073003328");
  EXPECT_EQ(BelgianNationalNumberFromSerial("85073003328").value(), "85073003328");
  EXPECT_EQ(BelgianNationalNumberFromSerial("").value(), std::nullopt);
  EXPECT_EQ(BelgianNationalNumberFromSerial("PNOFR-1234567890").value(), std::nullopt);
  EXPECT_EQ(BelgianNationalNumberFromSerial("IDCBE-B12345678").value(), std::nullopt);
  EXPECT_FALSE(BelgianNationalNumberFromSerial("PNOBE-85073003329"));
  EXPECT_FALSE(BelgianNationalNumberFromSerial("85073003329"));
}

TEST(SignerDisplayName, DropsTheEidRoleSuffix) {
  EXPECT_EQ(SignerDisplayName("Jan Peeters (Signature)"), "Jan Peeters");
  EXPECT_EQ(SignerDisplayName("Jan Peeters (Authentication)"), "Jan Peeters");
  EXPECT_EQ(SignerDisplayName("Jan Peeters"), "Jan Peeters");
}

TEST(MatchSigner, NationalNumberDecidesWhenBothSidesHaveOne) {
  auto match = MatchSigner({"J. Peeters (Signature)", "PNOBE-85073003328"}, kBoard);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->representative_index, 1u);
  EXPECT_EQ(match->basis, SignerMatchBasis::kNationalNumber);
}

TEST(MatchSigner, SameNameWithAnotherNationalNumberIsAnotherPerson) {
  auto match = MatchSigner({"Jan Peeters (Signature)", "90020112305"}, {kBoard[1]});
  ASSERT_FALSE(match);
  EXPECT_EQ(match.error(), SignerMismatch::kOtherNationalNumber);
}

TEST(MatchSigner, FallsBackToTheNameIgnoringCaseAccentsAndWordOrder) {
  auto match = MatchSigner({"DUBOIS MARIE (Signature)", "75061204548"}, kBoard);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->representative_index, 0u);
  EXPECT_EQ(match->basis, SignerMatchBasis::kName);

  std::vector<LegalRepresentative> accented{{"Zoë Van-Damme", std::nullopt}};
  EXPECT_TRUE(MatchSigner({"Zoe van Damme", ""}, accented));
}

TEST(MatchSigner, AnotherNameDoesNotMatch) {
  auto match = MatchSigner({"Pieter Janssens (Signature)", ""}, kBoard);
  ASSERT_FALSE(match);
  EXPECT_EQ(match.error(), SignerMismatch::kOtherName);
  EXPECT_EQ(SignerMismatchName(match.error()), "other_name");
}

TEST(MatchSigner, InvalidBelgianSerialNumberIsReported) {
  EXPECT_EQ(MatchSigner({"Jan Peeters", "PNOBE-85073003329"}, kBoard).error(),
            SignerMismatch::kInvalidSerialNumber);
}

TEST(MatchSigner, NothingMatchesAnEmptyList) {
  EXPECT_EQ(MatchSigner({"Jan Peeters", "85073003328"}, {}).error(),
            SignerMismatch::kNoRepresentatives);
}

}  // namespace
}  // namespace sealpost::domain
