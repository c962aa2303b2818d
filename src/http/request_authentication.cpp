#include "http/request_authentication.hpp"

#include "http/session_cookie.hpp"

namespace sealpost::http {

namespace {

bool ChangesState(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

common::Result<app::Caller> AuthenticateRequest(const RequestAuthenticator& authenticator,
                                                const HttpRequest& request) {
  if (auto header = request.Header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (header->size() <= kBearer.size() ||
        !EqualsIgnoreCase(header->substr(0, kBearer.size()), kBearer)) {
      return common::Fail(common::ErrorCode::kUnauthenticated,
                          "send an API key as 'Authorization: Bearer <key>'");
    }
    return authenticator.api_keys.Execute(header->substr(kBearer.size()));
  }
  const std::string cookie = SessionCookieValue(request);
  if (cookie.empty()) {
    return common::Fail(common::ErrorCode::kUnauthenticated,
                        "send an API key as 'Authorization: Bearer <key>', or sign in");
  }
  auto session = authenticator.sessions.ResolveSession(cookie);
  if (!session) return common::Fail(session.error());
  if (!*session || !(*session)->SignedIn()) {
    return common::Fail(common::ErrorCode::kUnauthenticated,
                        "your session has ended; please sign in again");
  }
  if (ChangesState(request.method) &&
      !app::SessionService::CheckCsrf(cookie, request.Header(kCsrfHeader).value_or(""))) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "this request needs the session's CSRF token in the X-CSRF-Token header");
  }
  return authenticator.sessions.CallerFor(**session);
}

}  // namespace sealpost::http
