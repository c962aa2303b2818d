// SandboxProvider: the built-in payment provider of demo mode (PRODUCT §6). It behaves like
// Mollie from the outside — ids "sbx_…", a checkout page, a webhook that is a form POST holding
// only `id=…`, statuses fetched on demand — but the "bank" is the tester: its checkout URL is a
// page of sealpost itself (app::SandboxCheckout::kPathPrefix + id) where they pick paid, failed,
// canceled or expired. Picking records the outcome and then calls the payment's webhook URL, so
// a sandbox top-up travels the same webhook → fetch → credit path as a real one.
//
// Payments are kept in memory and, when a state file is given, in that JSON file (rewritten
// atomically after every change, mode 0600), so that open sandbox payments survive a restart.
// The same idempotency key returns the payment created first, as Mollie does.
// Thread-safety: thread-safe (one mutex; the webhook is called without holding it).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports/payment_provider.hpp"
#include "app/ports/sandbox_checkout.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"

namespace sealpost::adapters::payment {

struct SandboxProviderOptions {
  std::string public_base_url;       // e.g. "http://localhost:8080"; checkout URLs start here
  std::filesystem::path state_file;  // e.g. <data dir>/sandbox-payments.json; empty: memory only
  std::vector<std::string> methods = {"bancontact", "creditcard", "paypal"};
  std::chrono::milliseconds webhook_timeout{10000};
};

class SandboxProvider final : public app::PaymentProvider, public app::SandboxCheckout {
 public:
  static constexpr std::string_view kId = "sandbox";

  // Loads the state file when it exists. kInternal when it exists but cannot be read.
  static common::Result<std::shared_ptr<SandboxProvider>> Open(SandboxProviderOptions options,
                                                               const common::Clock& clock,
                                                               common::Random& random);

  // app::PaymentProvider
  std::string_view Id() const override { return kId; }
  std::vector<std::string> Methods() const override { return options_.methods; }
  common::Result<app::CreatedPayment> CreatePayment(const app::PaymentRequest& request) override;
  common::Result<app::ProviderPayment> FetchPayment(std::string_view provider_payment_id) override;
  common::Result<app::WebhookNotice> ParseWebhook(const app::WebhookHeaders& headers,
                                                  std::string_view raw_body,
                                                  common::TimePoint now) const override;

  // app::SandboxCheckout
  common::Result<app::SandboxCheckoutView> Find(std::string_view id) const override;
  common::Result<Settled> Settle(std::string_view id, app::SandboxOutcome outcome) override;

  struct Payment {
    std::string id;
    app::PaymentRequest request;
    domain::PaymentStatus status = domain::PaymentStatus::kOpen;
    common::TimePoint created_at;
    std::optional<common::TimePoint> paid_at;
  };

 private:
  SandboxProvider(SandboxProviderOptions options, const common::Clock& clock,
                  common::Random& random)
      : options_(std::move(options)), clock_(clock), random_(random) {}

  common::Result<void> Load();
  common::Result<void> SaveLocked() const;  // mutex_ held
  app::SandboxCheckoutView ViewOf(const Payment& payment) const;

  const SandboxProviderOptions options_;
  const common::Clock& clock_;
  common::Random& random_;
  mutable std::mutex mutex_;
  std::map<std::string, Payment, std::less<>> payments_;
};

}  // namespace sealpost::adapters::payment
