// The session cookie: its name, reading it from a Cookie header, and writing it (HttpOnly,
// SameSite=Lax, Secure when the service is public over https). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "http/http_request.hpp"

namespace sealpost::http {

inline constexpr std::string_view kSessionCookie = "sealpost_session";

// The session cookie's value in the request's Cookie header, or empty.
std::string SessionCookieValue(const HttpRequest& request);

// A Set-Cookie value for the session cookie; `clear` expires it at once.
std::string SessionSetCookie(std::string_view value, bool secure, bool clear = false);

}  // namespace sealpost::http
