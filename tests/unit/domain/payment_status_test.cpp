#include "domain/payment_status.hpp"

#include <gtest/gtest.h>

namespace sealpost::domain {
namespace {

constexpr PaymentStatus kAll[] = {PaymentStatus::kOpen,       PaymentStatus::kPending,
                                  PaymentStatus::kAuthorized, PaymentStatus::kPaid,
                                  PaymentStatus::kCanceled,   PaymentStatus::kExpired,
                                  PaymentStatus::kFailed};

TEST(PaymentStatus, NamesAreMolliesAndReadBack) {
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kCanceled), "canceled");  // one l, as Mollie
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kAuthorized), "authorized");
  for (PaymentStatus status : kAll) {
    EXPECT_EQ(ParsePaymentStatus(PaymentStatusName(status)), status);
  }
  for (std::string_view other : {"", "Paid", "cancelled", "refunded", "paid "}) {
    EXPECT_FALSE(ParsePaymentStatus(other).has_value()) << other;
  }
}

TEST(PaymentStatus, OnlyPaidCanceledExpiredAndFailedAreFinal) {
  EXPECT_FALSE(IsFinal(PaymentStatus::kOpen));
  EXPECT_FALSE(IsFinal(PaymentStatus::kPending));
  EXPECT_FALSE(IsFinal(PaymentStatus::kAuthorized));  // may still be captured or voided
  EXPECT_TRUE(IsFinal(PaymentStatus::kPaid));
  EXPECT_TRUE(IsFinal(PaymentStatus::kCanceled));
  EXPECT_TRUE(IsFinal(PaymentStatus::kExpired));
  EXPECT_TRUE(IsFinal(PaymentStatus::kFailed));
}

}  // namespace
}  // namespace sealpost::domain
