// StripeProvider: payments through Stripe Checkout (REFERENCE.md §6), the second provider of
// PRODUCT §6.
//
// Create: POST {base}/v1/checkout/sessions, form-encoded: mode=payment, payment_method_types[]
// (the chosen method, or every configured one: creditcard → card), one line item in EUR with
// unit_amount in integer cents and quantity 1, success_url and cancel_url (both the request's
// return URL: the page that follows fetches the payment anyway), metadata[top_up_id],
// client_reference_id (the paying account), with the secret key as bearer and the request's
// Idempotency-Key. The session's webhook URL is configured in Stripe's dashboard, not per
// payment, so PaymentRequest::webhook_url is not sent.
//
// Fetch: GET {base}/v1/checkout/sessions/{id}?expand[]=payment_intent. Status:
//   status expired                                 → expired
//   status open                                    → open
//   status complete, payment_status paid or no_payment_required → paid
//   status complete, payment_status unpaid: the PaymentIntent decides (an asynchronous method
//     such as SEPA debit) — processing/requires_action/… → pending, requires_capture →
//     authorized, requires_payment_method → failed (Stripe's async_payment_failed), canceled →
//     canceled, succeeded → paid.
//
// Webhook: the Stripe-Signature header is verified (VerifyStripeSignature, 300 s tolerance)
// before the body is read; the event id serves to de-duplicate; events
// checkout.session.completed / .async_payment_succeeded / .async_payment_failed / .expired name
// the session to fetch, every other event type names none.
// Thread-safety: thread-safe (immutable after construction; one curl handle per call).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/ports/payment_provider.hpp"

namespace sealpost::adapters::payment {

struct StripeProviderOptions {
  std::string secret_key;      // "sk_live_…", or "sk_test_…" in test mode
  std::string webhook_secret;  // the endpoint's signing secret, "whsec_…"
  std::string api_base_url = "https://api.stripe.com";  // tests point it at a local server
  std::vector<std::string> methods = {"bancontact", "creditcard", "paypal"};
  std::chrono::milliseconds timeout{15000};
  std::chrono::seconds signature_tolerance{300};
};

class StripeProvider final : public app::PaymentProvider {
 public:
  static constexpr std::string_view kId = "stripe";

  explicit StripeProvider(StripeProviderOptions options);

  std::string_view Id() const override { return kId; }
  std::vector<std::string> Methods() const override { return options_.methods; }
  common::Result<app::CreatedPayment> CreatePayment(const app::PaymentRequest& request) override;
  common::Result<app::ProviderPayment> FetchPayment(std::string_view provider_payment_id) override;
  common::Result<app::WebhookNotice> ParseWebhook(const app::WebhookHeaders& headers,
                                                  std::string_view raw_body,
                                                  common::TimePoint now) const override;

 private:
  StripeProviderOptions options_;
};

// Our method name → Stripe's payment_method_types value ("creditcard" → "card").
std::string StripeMethodType(std::string_view method);

}  // namespace sealpost::adapters::payment
