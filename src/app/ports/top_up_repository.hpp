// Persistence of top-ups (PRODUCT.md §6): a payment a customer starts to raise their prepaid
// balance, from its creation at the payment provider to its outcome. The money itself moves only by
// the journal entry recorded when the provider confirms the payment (TopUpPaidEntry, whose
// transfer id derives from the provider's payment id, so a replayed webhook credits once). Used
// only inside a UnitOfWork.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/money.hpp"

namespace sealpost::app {

enum class TopUpStatus { kOpen, kPaid, kFailed, kCanceled, kExpired };
inline constexpr TopUpStatus kAllTopUpStatuses[] = {TopUpStatus::kOpen, TopUpStatus::kPaid,
                                                    TopUpStatus::kFailed, TopUpStatus::kCanceled,
                                                    TopUpStatus::kExpired};
// "open" | "paid" | "failed" | "canceled" | "expired" (the words Mollie uses).
inline std::string_view TopUpStatusName(TopUpStatus status) {
  switch (status) {
    case TopUpStatus::kOpen:
      return "open";
    case TopUpStatus::kPaid:
      return "paid";
    case TopUpStatus::kFailed:
      return "failed";
    case TopUpStatus::kCanceled:
      return "canceled";
    case TopUpStatus::kExpired:
      return "expired";
  }
  return "open";
}
inline std::optional<TopUpStatus> TopUpStatusFromName(std::string_view name) {
  for (TopUpStatus s : kAllTopUpStatuses) {
    if (TopUpStatusName(s) == name) return s;
  }
  return std::nullopt;
}

struct TopUp {
  std::string id;
  std::string account_id;
  domain::Cents amount = 0;         // VAT-inclusive, > 0
  std::string provider;             // "mollie", "stripe", "sandbox", "demo"
  std::string provider_payment_id;  // empty until the provider has created the payment
  TopUpStatus status = TopUpStatus::kOpen;
  common::TimePoint created_at;
  std::optional<common::TimePoint> paid_at;
};

class TopUpRepository {
 public:
  virtual ~TopUpRepository() = default;
  // kConflict when the id, or the provider's payment id for that provider, exists.
  virtual common::Result<void> Insert(const TopUp& top_up) = 0;
  // Records the provider's payment id once known. kNotFound for an unknown top-up; kConflict when
  // it already has another one.
  virtual common::Result<void> SetProviderPaymentId(const std::string& id,
                                                    const std::string& provider_payment_id) = 0;
  // kNotFound for an unknown top-up.
  virtual common::Result<void> UpdateStatus(const std::string& id, TopUpStatus status,
                                            std::optional<common::TimePoint> paid_at) = 0;
  virtual common::Result<std::optional<TopUp>> Find(const std::string& id) = 0;
  virtual common::Result<std::optional<TopUp>> FindByProviderPayment(
      const std::string& provider, const std::string& provider_payment_id) = 0;
  // Newest first.
  virtual common::Result<std::vector<TopUp>> ListForAccount(const std::string& account_id,
                                                            std::size_t limit) = 0;
};

}  // namespace sealpost::app
