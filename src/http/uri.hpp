// Request-target helpers: split "path?query", percent-decode, parse
// application/x-www-form-urlencoded query strings. Pure functions, thread-safe. Kept free of
// RESTinio so they are unit-testable and so that the router can decode each path segment on its own
// ("%2F" inside an {id} stays inside it).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace sealpost::http {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX escapes; with `plus_is_space` also '+' (form encoding, query strings only).
// Fails on a truncated or non-hex escape and on a decoded NUL byte (never legitimate in our URLs,
// and a classic way to truncate strings further down).
common::Result<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

// Splits "a=1&b=x%20y&flag" into decoded pairs in order ("flag" gets an empty value).
common::Result<QueryParams> ParseQuery(std::string_view query);

struct SplitTargetResult {
  std::string_view path;   // raw, still percent-encoded
  std::string_view query;  // raw, without '?', empty when absent
};
// Splits an origin-form request-target; a fragment (never sent by conforming clients) is dropped.
SplitTargetResult SplitTarget(std::string_view target);

}  // namespace sealpost::http
