// MollieProvider: payments through Mollie's Payments API v2 (REFERENCE.md §6) — the first real
// provider of PRODUCT §6 (Bancontact, credit card, PayPal…).
//
// Create: POST {base}/v2/payments, JSON {amount{currency:"EUR", value:"10.00"}, description,
// redirectUrl, webhookUrl, method (omitted: the customer chooses on Mollie's page), metadata
// {top_up_id, account_id}}, with "Authorization: Bearer <API key>" and the request's
// Idempotency-Key. Fetch: GET {base}/v2/payments/{id}. Webhook: a form POST holding only
// `id=tr_…` — Mollie does not sign it, which is why it is only a hint to fetch the payment.
// The API key never appears in an error message (HTTP errors are summarised from the status
// and Mollie's problem `detail`, which is checked not to echo the key).
// Thread-safety: thread-safe (immutable after construction; one curl handle per call).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/ports/payment_provider.hpp"

namespace sealpost::adapters::payment {

struct MollieProviderOptions {
  std::string api_key;                                  // "live_…", or "test_…" for test mode
  std::string api_base_url = "https://api.mollie.com";  // tests point it at a local server
  std::vector<std::string> methods = {"bancontact", "creditcard", "paypal"};
  std::chrono::milliseconds timeout{15000};
};

class MollieProvider final : public app::PaymentProvider {
 public:
  static constexpr std::string_view kId = "mollie";

  explicit MollieProvider(MollieProviderOptions options);

  std::string_view Id() const override { return kId; }
  std::vector<std::string> Methods() const override { return options_.methods; }
  common::Result<app::CreatedPayment> CreatePayment(const app::PaymentRequest& request) override;
  common::Result<app::ProviderPayment> FetchPayment(std::string_view provider_payment_id) override;
  common::Result<app::WebhookNotice> ParseWebhook(const app::WebhookHeaders& headers,
                                                  std::string_view raw_body,
                                                  common::TimePoint now) const override;

 private:
  MollieProviderOptions options_;
};

// Mollie's time-stamps ("2024-03-20T09:13:37+00:00", any offset, optional fraction) → UTC.
std::optional<common::TimePoint> ParseMollieTime(std::string_view text);

}  // namespace sealpost::adapters::payment
