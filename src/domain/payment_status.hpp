// The status of a payment at a payment provider, in one vocabulary for every provider (Mollie's,
// which Stripe's Checkout Session states and the sandbox map onto). A top-up is credited only on
// kPaid, and only after sealpost fetched the payment from the provider itself: a webhook or a
// browser redirect is never evidence of payment. Pure.
#pragma once

#include <optional>
#include <string_view>

namespace sealpost::domain {

enum class PaymentStatus {
  kOpen,        // created, the customer has not finished paying yet
  kPending,     // the customer finished, the money is on its way (e.g. a bank transfer)
  kAuthorized,  // reserved on the customer's card, not yet captured
  kPaid,        // the money is ours: credit the top-up
  kCanceled,    // the customer or the provider cancelled it
  kExpired,     // the customer never finished in time
  kFailed,      // the payment was refused
};

// "open", "pending", "authorized", "paid", "canceled", "expired", "failed".
std::string_view PaymentStatusName(PaymentStatus status);
// The inverse of PaymentStatusName; nullopt for any other text.
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view name);

// Final statuses never change again (paid, canceled, expired, failed); the others may still.
bool IsFinal(PaymentStatus status);

}  // namespace sealpost::domain
