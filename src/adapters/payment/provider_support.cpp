#include "adapters/payment/provider_support.hpp"

#include <algorithm>

namespace sealpost::adapters::payment {
namespace {

using common::ErrorCode;

constexpr std::size_t kMaxDetail = 200;

bool IsAbsoluteHttpUrl(std::string_view url) {
  const bool scheme = url.starts_with("https://") || url.starts_with("http://");
  return scheme && url.size() < 2048 && std::none_of(url.begin(), url.end(), [](char c) {
           return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
         });
}

common::Error Invalid(std::string message) {
  return common::Error{ErrorCode::kInvalidArgument, std::move(message), "invalid_payment_request"};
}

}  // namespace

common::Result<void> CheckPaymentRequest(const app::PaymentRequest& request,
                                         const std::vector<std::string>& methods) {
  if (request.amount <= 0) return common::Fail(Invalid("the amount must be positive"));
  if (!request.method.empty() &&
      std::find(methods.begin(), methods.end(), request.method) == methods.end()) {
    return common::Fail(Invalid("payment method \"" + request.method + "\" is not offered"));
  }
  if (!IsAbsoluteHttpUrl(request.return_url)) {
    return common::Fail(Invalid("the return URL must be an absolute http(s) URL"));
  }
  if (!IsAbsoluteHttpUrl(request.webhook_url)) {
    return common::Fail(Invalid("the webhook URL must be an absolute http(s) URL"));
  }
  if (request.description.empty()) return common::Fail(Invalid("a description is required"));
  if (request.idempotency_key.empty()) {
    return common::Fail(Invalid("an idempotency key is required"));
  }
  return common::Ok();
}

common::Error ProviderHttpError(std::string_view provider, long status, std::string detail,
                                std::string_view secret) {
  if (!secret.empty() && detail.find(secret) != std::string::npos) detail.clear();
  if (detail.size() > kMaxDetail) detail = detail.substr(0, kMaxDetail) + "…";
  const std::string said = detail.empty() ? std::string() : ": " + detail;
  const std::string name(provider);
  const std::string code = std::to_string(status);
  if (status == 400 || status == 402 || status == 422) {
    return {ErrorCode::kInvalidArgument, name + " refused the request (HTTP " + code + ")" + said,
            "provider_rejected"};
  }
  if (status == 401 || status == 403) {
    return {ErrorCode::kInternal,
            name + " refused our credentials (HTTP " + code + "): check the configured API key",
            "provider_credentials"};
  }
  if (status == 404) {
    return {ErrorCode::kNotFound, name + " knows no such payment", "payment_not_found"};
  }
  if (status == 409) {
    return {ErrorCode::kConflict,
            name + " reports a conflicting request with the same idempotency key" + said,
            "idempotency_conflict"};
  }
  if (status == 429 || (status >= 500 && status <= 599)) {
    return {ErrorCode::kUnavailable, name + " is unavailable (HTTP " + code + ")" + said,
            "provider_unavailable"};
  }
  return {ErrorCode::kInternal, name + " answered HTTP " + code + said, "provider_bad_response"};
}

common::Error ProviderBadResponse(std::string_view provider, std::string_view what) {
  return {ErrorCode::kInternal,
          std::string(provider) + " answered an unreadable " + std::string(what),
          "provider_bad_response"};
}

}  // namespace sealpost::adapters::payment
