#include "http/http_response.hpp"

#include <nlohmann/json.hpp>

#include "http/problem.hpp"

namespace sealpost::http {

HttpResponse HttpResponse::Json(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.headers.Set("Content-Type", "application/json");
  // Invalid UTF-8 in a string must not throw out of a handler: replace it instead.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse HttpResponse::Bytes(int status, std::string content_type, std::string body,
                                 std::optional<std::string> filename) {
  HttpResponse response;
  response.status = status;
  response.headers.Set("Content-Type", std::move(content_type));
  if (filename) {
    response.headers.Set("Content-Disposition", AttachmentDisposition(*filename));
  }
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::Text(int status, std::string body, std::string content_type) {
  return Bytes(status, std::move(content_type), std::move(body));
}

HttpResponse HttpResponse::Empty(int status) {
  HttpResponse response;
  response.status = status;
  return response;
}

HttpResponse HttpResponse::Problem(const common::Error& error) {
  return ProblemResponse(error, ProblemOptions{});
}

HttpResponse HttpResponse::Problem(const common::Error& error, const ProblemOptions& options) {
  return ProblemResponse(error, options);
}

std::string AttachmentDisposition(std::string_view filename) {
  // ASCII fallback: printable ASCII except the characters that would break the quoted-string or
  // be dangerous in a file name on the client (path separators, quotes, control bytes).
  std::string fallback;
  for (const char c : filename) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == '/' || c == ';' || c == '%') {
      fallback.push_back('_');
    } else {
      fallback.push_back(c);
    }
  }
  if (fallback.empty()) {
    fallback = "download";
  }
  // RFC 5987 ext-value: attr-char stays, everything else is %XX of the UTF-8 bytes.
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : filename) {
    const auto u = static_cast<unsigned char>(c);
    const bool attr_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
    if (attr_char) {
      encoded.push_back(c);
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[u >> 4]);
      encoded.push_back(kHex[u & 0x0f]);
    }
  }
  std::string value = "attachment; filename=\"" + fallback + "\"";
  if (!encoded.empty()) {
    value += "; filename*=UTF-8''" + encoded;
  }
  return value;
}

}  // namespace sealpost::http
