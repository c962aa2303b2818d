#include "adapters/payment/sandbox_provider.hpp"

#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "adapters/files/atomic_file.hpp"
#include "adapters/payment/provider_http.hpp"
#include "adapters/payment/provider_support.hpp"
#include "common/bytes.hpp"

namespace sealpost::adapters::payment {
namespace {

using common::ErrorCode;
using common::Fail;
using domain::PaymentStatus;
using nlohmann::json;

constexpr std::string_view kName = "sandbox";
constexpr std::string_view kPaymentPrefix = "sbx_";
constexpr std::size_t kIdRandomBytes = 12;
constexpr int kStateVersion = 1;

std::int64_t Micros(common::TimePoint t) { return t.time_since_epoch().count(); }
common::TimePoint FromMicros(std::int64_t micros) {
  return common::TimePoint(std::chrono::microseconds(micros));
}

PaymentStatus StatusOf(app::SandboxOutcome outcome) {
  switch (outcome) {
    case app::SandboxOutcome::kPaid:
      return PaymentStatus::kPaid;
    case app::SandboxOutcome::kFailed:
      return PaymentStatus::kFailed;
    case app::SandboxOutcome::kCanceled:
      return PaymentStatus::kCanceled;
    case app::SandboxOutcome::kExpired:
      return PaymentStatus::kExpired;
  }
  return PaymentStatus::kFailed;
}

json ToJson(const SandboxProvider::Payment& p) {
  json out = {
      {"id", p.id},
      {"status", domain::PaymentStatusName(p.status)},
      {"amount", p.request.amount},
      {"description", p.request.description},
      {"method", p.request.method},
      {"customer_account_id", p.request.customer_account_id},
      {"return_url", p.request.return_url},
      {"webhook_url", p.request.webhook_url},
      {"idempotency_key", p.request.idempotency_key},
      {"top_up_id", p.request.top_up_id},
      {"created_at", Micros(p.created_at)},
  };
  if (p.paid_at) out["paid_at"] = Micros(*p.paid_at);
  return out;
}

std::optional<SandboxProvider::Payment> FromJson(const json& in) {
  try {
    SandboxProvider::Payment p;
    p.id = in.at("id").get<std::string>();
    auto status = domain::ParsePaymentStatus(in.at("status").get<std::string>());
    if (!status || !IsProviderId(p.id, kPaymentPrefix)) return std::nullopt;
    p.status = *status;
    p.request.amount = in.at("amount").get<domain::Cents>();
    p.request.description = in.at("description").get<std::string>();
    p.request.method = in.at("method").get<std::string>();
    p.request.customer_account_id = in.at("customer_account_id").get<std::string>();
    p.request.return_url = in.at("return_url").get<std::string>();
    p.request.webhook_url = in.at("webhook_url").get<std::string>();
    p.request.idempotency_key = in.at("idempotency_key").get<std::string>();
    p.request.top_up_id = in.at("top_up_id").get<std::string>();
    p.created_at = FromMicros(in.at("created_at").get<std::int64_t>());
    if (in.contains("paid_at")) p.paid_at = FromMicros(in.at("paid_at").get<std::int64_t>());
    return p;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

common::Result<std::shared_ptr<SandboxProvider>> SandboxProvider::Open(
    SandboxProviderOptions options, const common::Clock& clock, common::Random& random) {
  while (!options.public_base_url.empty() && options.public_base_url.back() == '/') {
    options.public_base_url.pop_back();
  }
  std::shared_ptr<SandboxProvider> provider(new SandboxProvider(std::move(options), clock, random));
  if (auto loaded = provider->Load(); !loaded) return Fail(loaded.error());
  return provider;
}

common::Result<void> SandboxProvider::Load() {
  if (options_.state_file.empty()) return common::Ok();
  auto text = files::ReadWholeFile(options_.state_file);
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) return common::Ok();  // first start
    return Fail(text.error());
  }
  const std::string where = options_.state_file.string();
  json state = json::parse(*text, nullptr, false);
  if (state.is_discarded() || !state.is_object() || !state.contains("payments") ||
      !state["payments"].is_array()) {
    return Fail(ErrorCode::kInternal, where + ": not a sandbox payment file");
  }
  for (const json& entry : state["payments"]) {
    auto payment = FromJson(entry);
    if (!payment) return Fail(ErrorCode::kInternal, where + ": a payment cannot be read");
    payments_.emplace(payment->id, std::move(*payment));
  }
  return common::Ok();
}

common::Result<void> SandboxProvider::SaveLocked() const {
  if (options_.state_file.empty()) return common::Ok();
  json list = json::array();
  for (const auto& [id, payment] : payments_) list.push_back(ToJson(payment));
  json state = {{"version", kStateVersion}, {"payments", std::move(list)}};
  return files::WriteFileAtomically(options_.state_file, state.dump(1), S_IRUSR | S_IWUSR);
}

app::SandboxCheckoutView SandboxProvider::ViewOf(const Payment& payment) const {
  return app::SandboxCheckoutView{.id = payment.id,
                                  .amount = payment.request.amount,
                                  .description = payment.request.description,
                                  .method = payment.request.method,
                                  .status = payment.status,
                                  .return_url = payment.request.return_url};
}

common::Result<app::CreatedPayment> SandboxProvider::CreatePayment(
    const app::PaymentRequest& request) {
  if (auto ok = CheckPaymentRequest(request, options_.methods); !ok) return Fail(ok.error());
  const std::string checkout_base =
      options_.public_base_url + std::string(app::SandboxCheckout::kPathPrefix);
  std::lock_guard lock(mutex_);
  for (const auto& [id, existing] : payments_) {
    if (existing.request.idempotency_key != request.idempotency_key) continue;
    if (existing.request.amount != request.amount ||
        existing.request.top_up_id != request.top_up_id) {
      return Fail(ErrorCode::kConflict, "sandbox: the idempotency key was used for another payment",
                  "idempotency_conflict");
    }
    return app::CreatedPayment{id, checkout_base + id, existing.status};
  }
  Payment payment;
  payment.id = std::string(kPaymentPrefix) + common::HexEncode(random_.Generate(kIdRandomBytes));
  payment.request = request;
  payment.created_at = clock_.Now();
  const std::string id = payment.id;
  payments_.emplace(id, std::move(payment));
  if (auto saved = SaveLocked(); !saved) {
    payments_.erase(id);
    return Fail(saved.error());
  }
  return app::CreatedPayment{id, checkout_base + id, PaymentStatus::kOpen};
}

common::Result<app::ProviderPayment> SandboxProvider::FetchPayment(
    std::string_view provider_payment_id) {
  std::lock_guard lock(mutex_);
  auto it = payments_.find(provider_payment_id);
  if (it == payments_.end()) {
    return Fail(ErrorCode::kNotFound, "sandbox knows no such payment", "payment_not_found");
  }
  const Payment& p = it->second;
  return app::ProviderPayment{.id = p.id,
                              .status = p.status,
                              .amount = p.request.amount,
                              .top_up_id = p.request.top_up_id,
                              .paid_at = p.paid_at};
}

common::Result<app::WebhookNotice> SandboxProvider::ParseWebhook(const app::WebhookHeaders&,
                                                                 std::string_view raw_body,
                                                                 common::TimePoint) const {
  auto id = FormValue(raw_body, "id");
  if (!id || !IsProviderId(*id, kPaymentPrefix)) {
    return Fail(ErrorCode::kInvalidArgument, "the sandbox webhook names no payment id",
                "invalid_webhook");
  }
  return app::WebhookNotice{.event_id = {}, .payment_ids = {*id}};
}

common::Result<app::SandboxCheckoutView> SandboxProvider::Find(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = payments_.find(id);
  if (it == payments_.end()) {
    return Fail(ErrorCode::kNotFound, "sandbox knows no such payment", "payment_not_found");
  }
  return ViewOf(it->second);
}

common::Result<SandboxProvider::Settled> SandboxProvider::Settle(std::string_view id,
                                                                 app::SandboxOutcome outcome) {
  Settled settled;
  std::string webhook_url;
  {
    std::lock_guard lock(mutex_);
    auto it = payments_.find(id);
    if (it == payments_.end()) {
      return Fail(ErrorCode::kNotFound, "sandbox knows no such payment", "payment_not_found");
    }
    Payment& payment = it->second;
    if (domain::IsFinal(payment.status)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "this sandbox payment is " +
                      std::string(domain::PaymentStatusName(payment.status)) + " already",
                  "payment_final");
    }
    const Payment before = payment;
    payment.status = StatusOf(outcome);
    if (payment.status == PaymentStatus::kPaid) payment.paid_at = clock_.Now();
    if (auto saved = SaveLocked(); !saved) {
      payment = before;
      return Fail(saved.error());
    }
    settled.payment = ViewOf(payment);
    webhook_url = payment.request.webhook_url;
  }
  // As Mollie does: a form POST holding only the id; the receiver fetches the payment.
  ProviderHttpRequest http;
  http.method = "POST";
  http.url = webhook_url;
  http.headers = {"Content-Type: application/x-www-form-urlencoded"};
  http.body = FormEncode({{"id", std::string(id)}});
  http.timeout = options_.webhook_timeout;
  auto answer = SendProviderRequest(kName, http);
  settled.webhook_delivered = answer && answer->status >= 200 && answer->status <= 299;
  return settled;
}

}  // namespace sealpost::adapters::payment
