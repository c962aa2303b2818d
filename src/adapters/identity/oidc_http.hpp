// OidcHttp: the few HTTP calls an OpenID Connect relying party makes (discovery, JWKS, token,
// userinfo), with libcurl. Never follows redirects, only http/https, bounded time and body size.
// Thread-safety: thread-safe (one curl easy handle per call).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace sealpost::adapters::identity {

struct OidcHttpRequest {
  std::string url;
  bool post = false;
  std::string form_body;             // application/x-www-form-urlencoded, for POST
  std::vector<std::string> headers;  // "Name: value"
  std::string basic_user;  // HTTP basic authentication when not empty (already form-encoded, RFC
                           // 6749 §2.3.1)
  std::string basic_password;
  std::chrono::milliseconds timeout{10000};
};

struct OidcHttpResponse {
  long status = 0;
  std::string content_type;
  std::string body;
};

// kUnavailable when the server cannot be reached or times out; any HTTP status is a success here.
common::Result<OidcHttpResponse> OidcHttpSend(const OidcHttpRequest& request);

// application/x-www-form-urlencoded value encoding (RFC 6749 Appendix B).
std::string FormEncode(std::string_view value);
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace sealpost::adapters::identity
