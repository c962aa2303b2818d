// Cookies: reading one from the Cookie header; the session cookie's name, and writing it (HttpOnly,
// SameSite=Lax, Secure when the service is public over https). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "http/http_request.hpp"

namespace sealpost::http {

inline constexpr std::string_view kSessionCookie = "sealpost_session";

// The value of cookie `name` in the request's Cookie header, or empty.
std::string CookieValue(const HttpRequest& request, std::string_view name);
// The session cookie's value, or empty.
inline std::string SessionCookieValue(const HttpRequest& request) {
  return CookieValue(request, kSessionCookie);
}

// A Set-Cookie value for the session cookie; `clear` expires it at once.
std::string SessionSetCookie(std::string_view value, bool secure, bool clear = false);

}  // namespace sealpost::http
