// What the provider adapters share: the checks every payment request must pass before it is sent
// anywhere, and one mapping from a provider's HTTP error status to a common::Error, so that
// Mollie and Stripe failures read alike and never carry a secret.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/ports/payment_provider.hpp"

namespace sealpost::adapters::payment {

// kInvalidArgument (reason "invalid_payment_request") unless the amount is positive, the method
// is empty or one of `methods`, the return and webhook URLs are absolute http(s) URLs, and the
// description and idempotency key are present.
common::Result<void> CheckPaymentRequest(const app::PaymentRequest& request,
                                         const std::vector<std::string>& methods);

// The error for a provider's non-success HTTP answer: 400/402/422 → kInvalidArgument
// ("provider_rejected"), 401/403 → kInternal ("provider_credentials", the API key is wrong: a
// configuration problem), 404 → kNotFound ("payment_not_found"), 409 → kConflict
// ("idempotency_conflict"), 429 and 5xx → kUnavailable ("provider_unavailable"), anything else →
// kInternal ("provider_bad_response"). `detail` is the provider's own explanation; it is cut to
// 200 characters and dropped if it contains `secret`.
common::Error ProviderHttpError(std::string_view provider, long status, std::string detail,
                                std::string_view secret);

// kInternal (reason "provider_bad_response"): the provider answered something we cannot read.
common::Error ProviderBadResponse(std::string_view provider, std::string_view what);

}  // namespace sealpost::adapters::payment
