// PaymentProvider: one interface for every online payment provider (Mollie, Stripe, the demo
// sandbox), so that the top-up use cases and the webhook route never name a provider
// (PRODUCT.md §6, REFERENCE.md §6).
//
// The flow it serves: CreatePayment → send the customer to checkout_url → the provider calls the
// webhook (ParseWebhook says which payment(s) it concerns, after verifying a signature where the
// provider signs) and the customer comes back to return_url → FetchPayment is the only truth.
// Neither a webhook body nor a redirect ever credits anything by itself: the use case always
// fetches the payment from the provider and acts on its status and amount. Webhooks may arrive
// twice or out of order; open payments are reconciled by fetching them periodically.
//
// Amounts are integer euro cents; every provider here works in EUR only (a payment in another
// currency is refused by FetchPayment). Errors are common::Result errors whose messages are safe
// to log and show: they never contain an API key or a webhook secret.
// Thread-safety: implementations must be thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/money.hpp"
#include "domain/payment_status.hpp"

namespace sealpost::app {

// Payment methods, in sealpost's vocabulary (Mollie's names); each provider maps them to its own.
inline constexpr std::string_view kMethodBancontact = "bancontact";
inline constexpr std::string_view kMethodCreditCard = "creditcard";
inline constexpr std::string_view kMethodPayPal = "paypal";

struct PaymentRequest {
  std::string customer_account_id;  // who pays (Stripe: client_reference_id)
  domain::Cents amount = 0;         // > 0, VAT included
  std::string description;          // shown to the customer by the provider
  std::string method;               // one of Methods(), or empty: the customer chooses
  std::string return_url;           // where the customer's browser comes back to
  std::string webhook_url;          // where the provider reports a change (absolute URL)
  std::string idempotency_key;      // the same key never creates a second payment
  std::string top_up_id;            // sealpost's top-up, kept by the provider as metadata
};

struct CreatedPayment {
  std::string provider_payment_id;  // "tr_…" (Mollie), "cs_…" (Stripe), "sbx_…" (sandbox)
  std::string checkout_url;         // send the customer's browser here
  domain::PaymentStatus status = domain::PaymentStatus::kOpen;
};

// A payment as the provider reports it now.
struct ProviderPayment {
  std::string id;
  domain::PaymentStatus status = domain::PaymentStatus::kOpen;
  domain::Cents amount = 0;                  // EUR
  std::string top_up_id;                     // the metadata given at creation ("" when absent)
  std::optional<common::TimePoint> paid_at;  // when the provider reports it
};

// The HTTP request headers of a webhook call, as received (names in any case).
using WebhookHeaders = std::vector<std::pair<std::string, std::string>>;

// What a webhook call is about.
struct WebhookNotice {
  // The provider's event id, to de-duplicate deliveries (Stripe: "evt_…"); empty when the
  // provider sends none (Mollie, sandbox: their webhook carries only the payment id).
  std::string event_id;
  // The payments to fetch. Empty for an authentic event that concerns no payment of ours (e.g.
  // a Stripe event type we do not handle): answer 200 and do nothing.
  std::vector<std::string> payment_ids;
};

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;

  // "mollie", "stripe" or "sandbox": part of the ledger's transfer ids and of the webhook path.
  virtual std::string_view Id() const = 0;
  // The methods a customer may choose here, e.g. {"bancontact", "creditcard", "paypal"}.
  virtual std::vector<std::string> Methods() const = 0;

  // Creates the payment. kInvalidArgument when the request is refused (amount, method, URLs),
  // kUnavailable when the provider cannot be reached or fails (retry with the same
  // idempotency_key), kInternal when it refuses our credentials or answers nonsense.
  virtual common::Result<CreatedPayment> CreatePayment(const PaymentRequest& request) = 0;

  // The payment as the provider knows it now. kNotFound for an id the provider does not know,
  // kUnavailable as above, kFailedPrecondition (reason "unexpected_currency") for a non-EUR one.
  virtual common::Result<ProviderPayment> FetchPayment(std::string_view provider_payment_id) = 0;

  // Reads (and, for a provider that signs, verifies) one webhook call. kUnauthenticated for a
  // forged, missing or stale signature (reasons "invalid_signature", "signature_expired");
  // kInvalidArgument for a body that names no well-formed payment id.
  virtual common::Result<WebhookNotice> ParseWebhook(const WebhookHeaders& headers,
                                                     std::string_view raw_body,
                                                     common::TimePoint now) const = 0;
};

}  // namespace sealpost::app
