// Who sent an HTTP request: an API key ("Authorization: Bearer …") or a signed-in browser session
// (the session cookie). One function for every route that needs a Caller, so that the API answers
// a session exactly like a key with the same permissions. A session that changes something must
// also send the session's CSRF token in the X-CSRF-Token header: the cookie alone rides along on
// any cross-site request, the token does not. Stateless; thread-safe.
#pragma once

#include "app/caller.hpp"
#include "app/usecases/authenticate_api_key.hpp"
#include "app/usecases/session_service.hpp"
#include "http/http_request.hpp"

namespace sealpost::http {

inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct RequestAuthenticator {
  app::AuthenticateApiKey& api_keys;
  app::SessionService& sessions;
};

// kUnauthenticated without (valid) credentials; kPermissionDenied for a session request that
// changes something without the right CSRF token. An Authorization header wins over a cookie.
common::Result<app::Caller> AuthenticateRequest(const RequestAuthenticator& authenticator,
                                                const HttpRequest& request);

}  // namespace sealpost::http
