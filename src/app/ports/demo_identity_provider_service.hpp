// DemoIdentityProviderService: the built-in demo OpenID Provider as the HTTP layer sees it. Every
// endpoint takes the decoded request parts it needs and answers a plain response, so that
// src/http maps it without knowing the adapter, and so that the whole protocol (validation,
// redirects, RFC 6749 errors) lives in one testable place. Only served in demo mode.
// Thread-safety: implementations must be thread-safe (endpoints are called from any worker).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sealpost::app {

// Decoded name/value pairs of a query string or an application/x-www-form-urlencoded body, in
// order; repeated names are kept (the provider rejects repeated protocol parameters).
using DemoIdpParams = std::vector<std::pair<std::string, std::string>>;

// What to send back. The HTTP layer copies every field as is.
struct DemoIdpResponse {
  int status = 200;
  std::string content_type;  // empty when there is no body (e.g. a redirect)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Location, Cache-Control
};

class DemoIdentityProviderService {
 public:
  virtual ~DemoIdentityProviderService() = default;

  // The path every endpoint lives under, relative to the public base URL.
  static constexpr std::string_view kMountPath = "/demo-idp";

  // GET /demo-idp/.well-known/openid-configuration
  virtual DemoIdpResponse Discovery() const = 0;
  // GET /demo-idp/jwks
  virtual DemoIdpResponse Jwks() const = 0;
  // GET /demo-idp/authorize: validates the authorization request and answers the citizen chooser
  // page (or an error page / an error redirect).
  virtual DemoIdpResponse AuthorizePage(const DemoIdpParams& query) = 0;
  // POST /demo-idp/authorize: the chooser form (request, csrf, citizen or cancel) → 302 to the
  // client's redirect_uri with a code (or error=access_denied).
  virtual DemoIdpResponse Authorize(const DemoIdpParams& form) = 0;
  // POST /demo-idp/token: `authorization` is the Authorization header, when present.
  virtual DemoIdpResponse Token(const DemoIdpParams& form,
                                std::optional<std::string_view> authorization) = 0;
  // GET or POST /demo-idp/userinfo with "Authorization: Bearer <access token>".
  virtual DemoIdpResponse UserInfo(std::optional<std::string_view> authorization) = 0;
};

}  // namespace sealpost::app
