#include "adapters/payment/stripe_provider.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "adapters/payment/provider_http.hpp"
#include "adapters/payment/provider_support.hpp"
#include "adapters/payment/stripe_signature.hpp"

namespace sealpost::adapters::payment {
namespace {

using common::ErrorCode;
using common::Fail;
using domain::PaymentStatus;
using nlohmann::json;

constexpr std::string_view kName = "Stripe";
constexpr std::string_view kSessionPrefix = "cs_";
constexpr std::size_t kMaxIdLength = 255;

constexpr std::array<std::string_view, 4> kSessionEvents = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
};

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

const json* Member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

std::string StringMember(const json& object, std::string_view name) {
  const json* value = Member(object, name);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

// Stripe's error body: {"error":{"type":"invalid_request_error","message":"…","param":"…"}}.
std::string ErrorDetail(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  const json* error = Member(parsed, "error");
  if (error == nullptr) return {};
  std::string detail = StringMember(*error, "message");
  std::string param = StringMember(*error, "param");
  if (!param.empty() && !detail.empty()) detail += " (parameter " + param + ")";
  return detail;
}

std::vector<std::string> Headers(const StripeProviderOptions& options) {
  return {"Authorization: Bearer " + options.secret_key, "Accept: application/json"};
}

common::Result<json> ParseBody(const ProviderHttpResponse& response) {
  json body = json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Fail(ProviderBadResponse(kName, "Checkout Session"));
  }
  return body;
}

// The status of a completed session whose payment_status is "unpaid", from its PaymentIntent.
PaymentStatus UnpaidCompleteStatus(const json& session) {
  const json* intent = Member(session, "payment_intent");
  if (intent == nullptr || !intent->is_object()) return PaymentStatus::kPending;
  const std::string status = StringMember(*intent, "status");
  if (status == "succeeded") return PaymentStatus::kPaid;
  if (status == "requires_capture") return PaymentStatus::kAuthorized;
  if (status == "requires_payment_method") return PaymentStatus::kFailed;
  if (status == "canceled") return PaymentStatus::kCanceled;
  return PaymentStatus::kPending;
}

common::Result<PaymentStatus> SessionStatus(const json& session) {
  const std::string status = StringMember(session, "status");
  const std::string payment_status = StringMember(session, "payment_status");
  if (status == "expired") return PaymentStatus::kExpired;
  if (status == "open") return PaymentStatus::kOpen;
  if (status == "complete") {
    if (payment_status == "paid" || payment_status == "no_payment_required") {
      return PaymentStatus::kPaid;
    }
    if (payment_status == "unpaid") return UnpaidCompleteStatus(session);
  }
  return Fail(ProviderBadResponse(kName, "session status"));
}

}  // namespace

std::string StripeMethodType(std::string_view method) {
  if (method == "creditcard") return "card";
  return std::string(method);
}

StripeProvider::StripeProvider(StripeProviderOptions options) : options_(std::move(options)) {
  options_.api_base_url = TrimSlash(options_.api_base_url);
}

common::Result<app::CreatedPayment> StripeProvider::CreatePayment(
    const app::PaymentRequest& request) {
  if (auto ok = CheckPaymentRequest(request, options_.methods); !ok) return Fail(ok.error());
  std::vector<std::pair<std::string, std::string>> form = {{"mode", "payment"}};
  if (!request.method.empty()) {
    form.emplace_back("payment_method_types[]", StripeMethodType(request.method));
  } else {
    for (const auto& method : options_.methods) {
      form.emplace_back("payment_method_types[]", StripeMethodType(method));
    }
  }
  form.emplace_back("line_items[0][price_data][currency]", "eur");
  form.emplace_back("line_items[0][price_data][unit_amount]", std::to_string(request.amount));
  form.emplace_back("line_items[0][price_data][product_data][name]", request.description);
  form.emplace_back("line_items[0][quantity]", "1");
  form.emplace_back("success_url", request.return_url);
  form.emplace_back("cancel_url", request.return_url);
  form.emplace_back("client_reference_id", request.customer_account_id);
  form.emplace_back("metadata[top_up_id]", request.top_up_id);
  form.emplace_back("payment_intent_data[metadata][top_up_id]", request.top_up_id);
  ProviderHttpRequest http;
  http.method = "POST";
  http.url = options_.api_base_url + "/v1/checkout/sessions";
  http.headers = Headers(options_);
  http.headers.push_back("Content-Type: application/x-www-form-urlencoded");
  http.headers.push_back("Idempotency-Key: " + request.idempotency_key);
  http.body = FormEncode(form);
  http.timeout = options_.timeout;
  auto response = SendProviderRequest(kName, http);
  if (!response) return Fail(response.error());
  if (response->status != 200) {
    return Fail(ProviderHttpError(kName, response->status, ErrorDetail(response->body),
                                  options_.secret_key));
  }
  auto session = ParseBody(*response);
  if (!session) return Fail(session.error());
  app::CreatedPayment created;
  created.provider_payment_id = StringMember(*session, "id");
  if (!IsProviderId(created.provider_payment_id, kSessionPrefix, kMaxIdLength)) {
    return Fail(ProviderBadResponse(kName, "session id"));
  }
  auto status = SessionStatus(*session);
  if (!status) return Fail(status.error());
  created.status = *status;
  created.checkout_url = StringMember(*session, "url");
  if (created.checkout_url.empty()) return Fail(ProviderBadResponse(kName, "checkout URL"));
  return created;
}

common::Result<app::ProviderPayment> StripeProvider::FetchPayment(
    std::string_view provider_payment_id) {
  if (!IsProviderId(provider_payment_id, kSessionPrefix, kMaxIdLength)) {
    return Fail(ErrorCode::kNotFound, "not a Stripe Checkout Session id", "payment_not_found");
  }
  ProviderHttpRequest http;
  http.url = options_.api_base_url + "/v1/checkout/sessions/" + PathSegment(provider_payment_id) +
             "?" + FormEncode({{"expand[]", "payment_intent"}});
  http.headers = Headers(options_);
  http.timeout = options_.timeout;
  auto response = SendProviderRequest(kName, http);
  if (!response) return Fail(response.error());
  if (response->status != 200) {
    return Fail(ProviderHttpError(kName, response->status, ErrorDetail(response->body),
                                  options_.secret_key));
  }
  auto session = ParseBody(*response);
  if (!session) return Fail(session.error());
  app::ProviderPayment fetched;
  fetched.id = StringMember(*session, "id");
  if (fetched.id != provider_payment_id) return Fail(ProviderBadResponse(kName, "session id"));
  auto status = SessionStatus(*session);
  if (!status) return Fail(status.error());
  fetched.status = *status;
  if (StringMember(*session, "currency") != "eur") {
    return Fail(ErrorCode::kFailedPrecondition,
                "Stripe Checkout Session " + fetched.id + " is not in euro", "unexpected_currency");
  }
  const json* total = Member(*session, "amount_total");
  if (total == nullptr || !total->is_number_integer() || total->get<std::int64_t>() < 0) {
    return Fail(ProviderBadResponse(kName, "amount_total"));
  }
  fetched.amount = total->get<std::int64_t>();
  if (const json* metadata = Member(*session, "metadata")) {
    fetched.top_up_id = StringMember(*metadata, "top_up_id");
  }
  return fetched;
}

common::Result<app::WebhookNotice> StripeProvider::ParseWebhook(const app::WebhookHeaders& headers,
                                                                std::string_view raw_body,
                                                                common::TimePoint now) const {
  const std::string_view signature = FindHeader(headers, "Stripe-Signature").value_or("");
  if (auto verified = VerifyStripeSignature(signature, raw_body, options_.webhook_secret, now,
                                            options_.signature_tolerance);
      !verified) {
    return Fail(verified.error());
  }
  json event = json::parse(raw_body, nullptr, false);
  app::WebhookNotice notice;
  notice.event_id = StringMember(event, "id");
  if (notice.event_id.empty() || notice.event_id.size() > 255) {
    return Fail(ErrorCode::kInvalidArgument, "the Stripe event has no id", "invalid_webhook");
  }
  const std::string type = StringMember(event, "type");
  bool handled = false;
  for (std::string_view known : kSessionEvents) handled = handled || type == known;
  if (!handled) return notice;  // authentic, but about nothing we act on
  const json* data = Member(event, "data");
  const json* object = data != nullptr ? Member(*data, "object") : nullptr;
  const std::string session_id = object != nullptr ? StringMember(*object, "id") : std::string();
  if (object == nullptr || StringMember(*object, "object") != "checkout.session" ||
      !IsProviderId(session_id, kSessionPrefix, kMaxIdLength)) {
    return Fail(ErrorCode::kInvalidArgument,
                "the Stripe event " + type + " names no Checkout Session", "invalid_webhook");
  }
  notice.payment_ids.push_back(session_id);
  return notice;
}

}  // namespace sealpost::adapters::payment
