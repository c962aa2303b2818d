#include "http/session_cookie.hpp"

namespace sealpost::http {

std::string CookieValue(const HttpRequest& request, std::string_view name) {
  auto header = request.Header("Cookie");
  if (!header) return {};
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return {};
}

std::string SessionSetCookie(std::string_view value, bool secure, bool clear) {
  std::string cookie =
      std::string(kSessionCookie) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax";
  if (secure) cookie += "; Secure";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

}  // namespace sealpost::http
