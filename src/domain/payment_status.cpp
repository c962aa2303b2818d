#include "domain/payment_status.hpp"

#include <array>
#include <utility>

namespace sealpost::domain {
namespace {

constexpr std::array<std::pair<PaymentStatus, std::string_view>, 7> kNames{{
    {PaymentStatus::kOpen, "open"},
    {PaymentStatus::kPending, "pending"},
    {PaymentStatus::kAuthorized, "authorized"},
    {PaymentStatus::kPaid, "paid"},
    {PaymentStatus::kCanceled, "canceled"},
    {PaymentStatus::kExpired, "expired"},
    {PaymentStatus::kFailed, "failed"},
}};

}  // namespace

std::string_view PaymentStatusName(PaymentStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<PaymentStatus> ParsePaymentStatus(std::string_view name) {
  for (const auto& [value, text] : kNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

bool IsFinal(PaymentStatus status) {
  return status == PaymentStatus::kPaid || status == PaymentStatus::kCanceled ||
         status == PaymentStatus::kExpired || status == PaymentStatus::kFailed;
}

}  // namespace sealpost::domain
