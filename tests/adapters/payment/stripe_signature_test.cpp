#include "adapters/payment/stripe_signature.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace sealpost::adapters::payment {
namespace {

// REFERENCE.md §6.
constexpr const char* kSecret = "whsec_test_secret";
constexpr std::int64_t kTimestamp = 1700000000;
constexpr const char* kBody = R"({"id":"evt_1","type":"checkout.session.completed"})";
constexpr const char* kVectorV1 =
    "a13d4b1f9003bc2fb6c06224e878b6056185eaa50d40e1e7dc05517f8af41d7b";

common::TimePoint At(std::int64_t unix_seconds) {
  return common::TimePoint(std::chrono::seconds(unix_seconds));
}

std::string Header(std::string v1) { return "t=" + std::to_string(kTimestamp) + ",v1=" + v1; }

TEST(StripeSignature, ComputesTheReferenceVector) {
  EXPECT_EQ(StripeSignatureV1(kSecret, kTimestamp, kBody), kVectorV1);
}

TEST(StripeSignature, AcceptsTheReferenceVectorWithinTheTolerance) {
  EXPECT_TRUE(VerifyStripeSignature(Header(kVectorV1), kBody, kSecret, At(kTimestamp)).has_value());
  EXPECT_TRUE(
      VerifyStripeSignature(Header(kVectorV1), kBody, kSecret, At(kTimestamp + 300)).has_value());
  EXPECT_TRUE(
      VerifyStripeSignature(Header(kVectorV1), kBody, kSecret, At(kTimestamp - 300)).has_value());
}

TEST(StripeSignature, AcceptsWhenAnyOfSeveralV1SignaturesMatchesAndIgnoresOtherSchemes) {
  std::string header =
      "t=1700000000, v0=deadbeef, v1=" + std::string(64, '0') + ", v1=" + kVectorV1;
  EXPECT_TRUE(VerifyStripeSignature(header, kBody, kSecret, At(kTimestamp)).has_value());
}

TEST(StripeSignature, RefusesAForgedSignatureBodySecretOrTimestamp) {
  auto refused = [](const std::string& header, std::string_view body, std::string_view secret) {
    auto result = VerifyStripeSignature(header, body, secret, At(kTimestamp));
    return !result.has_value() && result.error().code == common::ErrorCode::kUnauthenticated &&
           result.error().reason == "invalid_signature";
  };
  std::string forged = kVectorV1;
  forged[0] = forged[0] == 'a' ? 'b' : 'a';
  EXPECT_TRUE(refused(Header(forged), kBody, kSecret));
  // The body was changed after signing (an amount, a type…).
  EXPECT_TRUE(
      refused(Header(kVectorV1), R"({"id":"evt_1","type":"checkout.session.expired"})", kSecret));
  EXPECT_TRUE(refused(Header(kVectorV1), kBody, "whsec_other_secret"));
  // Signed for another time-stamp: moving t to look fresh breaks the signature.
  EXPECT_TRUE(refused("t=1700000001,v1=" + std::string(kVectorV1), kBody, kSecret));
  // A signature made by an attacker without the secret.
  EXPECT_TRUE(refused(Header(StripeSignatureV1("guess", kTimestamp, kBody)), kBody, kSecret));
}

TEST(StripeSignature, RefusesMissingAndMalformedHeaders) {
  for (const std::string& header :
       {std::string(), std::string("garbage"), std::string("v1=") + kVectorV1,
        std::string("t=1700000000"), std::string("t=1700000000,v0=") + kVectorV1,
        std::string("t=abc,v1=") + kVectorV1, std::string("t=,v1=") + kVectorV1,
        std::string("t=1700000000,t=1700000000,v1=") + kVectorV1,
        std::string("t=1700000000,v1=") + std::string(kVectorV1).substr(0, 63),
        std::string("t=1700000000,v1=") + std::string(kVectorV1) + "00"}) {
    auto result = VerifyStripeSignature(header, kBody, kSecret, At(kTimestamp));
    ASSERT_FALSE(result.has_value()) << header;
    EXPECT_EQ(result.error().reason, "invalid_signature") << header;
  }
}

TEST(StripeSignature, RefusesAGenuineSignatureOlderOrNewerThanFiveMinutes) {
  for (std::int64_t now : {kTimestamp + 301, kTimestamp - 301, kTimestamp + 86400}) {
    auto result = VerifyStripeSignature(Header(kVectorV1), kBody, kSecret, At(now));
    ASSERT_FALSE(result.has_value()) << now;
    EXPECT_EQ(result.error().reason, "signature_expired");
  }
}

TEST(StripeSignature, RefusesToVerifyWithoutAConfiguredSecret) {
  EXPECT_FALSE(VerifyStripeSignature(Header(kVectorV1), kBody, "", At(kTimestamp)).has_value());
}

}  // namespace
}  // namespace sealpost::adapters::payment
