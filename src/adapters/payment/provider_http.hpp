// ProviderHttp: the HTTP calls sealpost makes to a payment provider's API (and the sandbox's
// webhook call), with libcurl. Never follows redirects, http/https only, bounded time and answer
// size. Error messages name the provider and what failed, never a header value, so an API key in
// an Authorization header cannot end up in a log.
// Thread-safety: thread-safe (one curl easy handle per call).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace sealpost::adapters::payment {

struct ProviderHttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // for POST
  std::chrono::milliseconds timeout{15000};
};

struct ProviderHttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
};

// kUnavailable ("<provider> unreachable: …", reason "provider_unavailable") when the server
// cannot be reached, times out or answers more than 1 MiB; any HTTP status is a success here.
common::Result<ProviderHttpResponse> SendProviderRequest(std::string_view provider,
                                                         const ProviderHttpRequest& request);

// application/x-www-form-urlencoded encoding of one value and of a list of fields (in order;
// Stripe's nested names such as "line_items[0][quantity]" are written as given, brackets
// encoded, which Stripe accepts).
std::string FormEncode(std::string_view value);
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

// The value of the first field `name` of a urlencoded body, decoded; nullopt when absent or
// malformed.
std::optional<std::string> FormValue(std::string_view body, std::string_view name);

// The value of header `name` (case-insensitive), or nullopt.
std::optional<std::string_view> FindHeader(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name);

// A provider's payment id: `prefix` followed by at least one more character, at most
// `max_length` characters of [A-Za-z0-9_] in all (Stripe's ids run to about 70 characters and
// Stripe promises no more than 255).
bool IsProviderId(std::string_view id, std::string_view prefix, std::size_t max_length = 64);

// Percent-encodes one URL path segment (ids are checked with IsProviderId before; this is the
// second line of defence against a "/" or "?" in an id).
std::string PathSegment(std::string_view segment);

}  // namespace sealpost::adapters::payment
