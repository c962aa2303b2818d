// SandboxCheckout: the checkout page of the built-in sandbox payment provider (demo mode, PRODUCT
// §6) as the HTTP layer sees it. The tester sees the payment and picks what the "bank" answers —
// paid, failed, canceled or expired; the sandbox then records it and calls the payment's webhook
// URL exactly as Mollie would (a form POST with `id=…`), so the top-up is credited by the same
// webhook → fetch path as with a real provider.
// Thread-safety: implementations must be thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/money.hpp"
#include "domain/payment_status.hpp"

namespace sealpost::app {

struct SandboxCheckoutView {
  std::string id;
  domain::Cents amount = 0;
  std::string description;
  std::string method;  // "" when the customer may choose
  domain::PaymentStatus status = domain::PaymentStatus::kOpen;
  std::string return_url;
};

// What the tester can pick on the checkout page.
enum class SandboxOutcome { kPaid, kFailed, kCanceled, kExpired };

class SandboxCheckout {
 public:
  virtual ~SandboxCheckout() = default;

  // The path of the checkout page of payment `id` is kPathPrefix + id.
  static constexpr std::string_view kPathPrefix = "/sandbox/checkout/";

  // kNotFound for an unknown id.
  virtual common::Result<SandboxCheckoutView> Find(std::string_view id) const = 0;

  // Records the outcome of an open payment, then calls its webhook URL. kNotFound for an unknown
  // id; kFailedPrecondition (reason "payment_final") when the payment has a final status already
  // (choosing again changes nothing). The outcome stays recorded when the webhook cannot be
  // delivered (the use case's reconciliation will fetch it); `webhook_delivered` says so.
  struct Settled {
    SandboxCheckoutView payment;
    bool webhook_delivered = false;
  };
  virtual common::Result<Settled> Settle(std::string_view id, SandboxOutcome outcome) = 0;
};

}  // namespace sealpost::app
