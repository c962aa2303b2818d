#include "adapters/payment/mollie_provider.hpp"

#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "adapters/payment/provider_http.hpp"
#include "adapters/payment/provider_support.hpp"

namespace sealpost::adapters::payment {
namespace {

using common::ErrorCode;
using common::Fail;
using nlohmann::json;

constexpr std::string_view kName = "Mollie";
constexpr std::string_view kPaymentPrefix = "tr_";

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

// Mollie's problem body: {"status":422,"title":"…","detail":"…","field":"amount"}.
std::string ProblemDetail(const std::string& body) {
  json problem = json::parse(body, nullptr, false);
  std::string detail = StringMember(problem, "detail");
  std::string field = StringMember(problem, "field");
  if (!field.empty() && !detail.empty()) detail += " (field " + field + ")";
  return detail;
}

std::vector<std::string> Headers(const MollieProviderOptions& options) {
  return {"Authorization: Bearer " + options.api_key, "Accept: application/json"};
}

common::Result<json> ParseBody(const ProviderHttpResponse& response, std::string_view what) {
  json body = json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return Fail(ProviderBadResponse(kName, what));
  return body;
}

common::Result<domain::PaymentStatus> StatusOf(const json& payment) {
  auto status = domain::ParsePaymentStatus(StringMember(payment, "status"));
  if (!status) return Fail(ProviderBadResponse(kName, "payment status"));
  return *status;
}

int Digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<common::TimePoint> ParseMollieTime(std::string_view text) {
  // "YYYY-MM-DDThh:mm:ss" [".fraction"] ("Z" | "+hh:mm" | "-hh:mm")
  constexpr std::size_t kBase = 19;
  if (text.size() < kBase + 1) return std::nullopt;
  std::size_t at = kBase;
  std::string_view fraction;
  if (text[at] == '.') {
    std::size_t end = at + 1;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    fraction = text.substr(at, end - at);
    at = end;
  }
  std::chrono::minutes offset{0};
  std::string_view zone = text.substr(at);
  if (zone != "Z") {
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
      return std::nullopt;
    }
    const int hours = Digits(zone, 1, 2);
    const int minutes = Digits(zone, 4, 2);
    if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return std::nullopt;
    offset = std::chrono::minutes(hours * 60 + minutes);
    if (zone[0] == '-') offset = -offset;
  }
  auto local =
      common::ParseRfc3339(std::string(text.substr(0, kBase)) + std::string(fraction) + "Z");
  if (!local) return std::nullopt;
  return *local - offset;
}

MollieProvider::MollieProvider(MollieProviderOptions options) : options_(std::move(options)) {
  options_.api_base_url = TrimSlash(options_.api_base_url);
}

common::Result<app::CreatedPayment> MollieProvider::CreatePayment(
    const app::PaymentRequest& request) {
  if (auto ok = CheckPaymentRequest(request, options_.methods); !ok) return Fail(ok.error());
  json body = {
      {"amount", {{"currency", "EUR"}, {"value", domain::FormatDecimalAmount(request.amount)}}},
      {"description", request.description},
      {"redirectUrl", request.return_url},
      {"webhookUrl", request.webhook_url},
      {"metadata", {{"top_up_id", request.top_up_id}, {"account_id", request.customer_account_id}}},
  };
  if (!request.method.empty()) body["method"] = request.method;
  ProviderHttpRequest http;
  http.method = "POST";
  http.url = options_.api_base_url + "/v2/payments";
  http.headers = Headers(options_);
  http.headers.push_back("Content-Type: application/json");
  http.headers.push_back("Idempotency-Key: " + request.idempotency_key);
  http.body = body.dump();
  http.timeout = options_.timeout;
  auto response = SendProviderRequest(kName, http);
  if (!response) return Fail(response.error());
  if (response->status != 200 && response->status != 201) {
    return Fail(ProviderHttpError(kName, response->status, ProblemDetail(response->body),
                                  options_.api_key));
  }
  auto payment = ParseBody(*response, "payment");
  if (!payment) return Fail(payment.error());
  app::CreatedPayment created;
  created.provider_payment_id = StringMember(*payment, "id");
  if (!IsProviderId(created.provider_payment_id, kPaymentPrefix)) {
    return Fail(ProviderBadResponse(kName, "payment id"));
  }
  auto status = StatusOf(*payment);
  if (!status) return Fail(status.error());
  created.status = *status;
  if (const json* links = Member(*payment, "_links")) {
    if (const json* checkout = Member(*links, "checkout")) {
      created.checkout_url = StringMember(*checkout, "href");
    }
  }
  if (created.checkout_url.empty()) return Fail(ProviderBadResponse(kName, "checkout link"));
  return created;
}

common::Result<app::ProviderPayment> MollieProvider::FetchPayment(
    std::string_view provider_payment_id) {
  if (!IsProviderId(provider_payment_id, kPaymentPrefix)) {
    return Fail(ErrorCode::kNotFound, "not a Mollie payment id", "payment_not_found");
  }
  ProviderHttpRequest http;
  http.url = options_.api_base_url + "/v2/payments/" + PathSegment(provider_payment_id);
  http.headers = Headers(options_);
  http.timeout = options_.timeout;
  auto response = SendProviderRequest(kName, http);
  if (!response) return Fail(response.error());
  if (response->status != 200) {
    return Fail(ProviderHttpError(kName, response->status, ProblemDetail(response->body),
                                  options_.api_key));
  }
  auto payment = ParseBody(*response, "payment");
  if (!payment) return Fail(payment.error());
  app::ProviderPayment fetched;
  fetched.id = StringMember(*payment, "id");
  if (fetched.id != provider_payment_id) return Fail(ProviderBadResponse(kName, "payment id"));
  auto status = StatusOf(*payment);
  if (!status) return Fail(status.error());
  fetched.status = *status;
  const json* amount = Member(*payment, "amount");
  if (amount == nullptr) return Fail(ProviderBadResponse(kName, "amount"));
  if (StringMember(*amount, "currency") != "EUR") {
    return Fail(ErrorCode::kFailedPrecondition, "Mollie payment " + fetched.id + " is not in euro",
                "unexpected_currency");
  }
  auto cents = domain::ParseEuroAmount(StringMember(*amount, "value"), 0,
                                       std::numeric_limits<domain::Cents>::max());
  if (!cents) return Fail(ProviderBadResponse(kName, "amount"));
  fetched.amount = *cents;
  if (const json* metadata = Member(*payment, "metadata")) {
    fetched.top_up_id = StringMember(*metadata, "top_up_id");
  }
  if (std::string paid_at = StringMember(*payment, "paidAt"); !paid_at.empty()) {
    fetched.paid_at = ParseMollieTime(paid_at);
    if (!fetched.paid_at) return Fail(ProviderBadResponse(kName, "paidAt"));
  }
  return fetched;
}

common::Result<app::WebhookNotice> MollieProvider::ParseWebhook(const app::WebhookHeaders&,
                                                                std::string_view raw_body,
                                                                common::TimePoint) const {
  auto id = FormValue(raw_body, "id");
  if (!id || !IsProviderId(*id, kPaymentPrefix)) {
    return Fail(ErrorCode::kInvalidArgument, "the Mollie webhook names no payment id",
                "invalid_webhook");
  }
  return app::WebhookNotice{.event_id = {}, .payment_ids = {*id}};
}

}  // namespace sealpost::adapters::payment
