// HttpResponse: what a handler returns — status, header fields and a complete body. A plain value;
// the server adds X-Request-Id, Date and a few safe defaults before sending. Not synchronised.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/headers.hpp"

namespace sealpost::http {

struct ProblemOptions;

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;

  // `body` serialised, Content-Type: application/json.
  static HttpResponse Json(int status, const nlohmann::json& body);
  // Raw bytes of a given type. With `filename`, a Content-Disposition: attachment is added
  // (RFC 6266: an ASCII fallback plus filename*=UTF-8''… for the exact name).
  static HttpResponse Bytes(int status, std::string content_type, std::string body,
                            std::optional<std::string> filename = std::nullopt);
  static HttpResponse Text(int status, std::string body,
                           std::string content_type = "text/plain; charset=utf-8");
  // No body (e.g. 204).
  static HttpResponse Empty(int status);
  // RFC 9457 problem+json for an Error; see problem.hpp for the status mapping and options.
  static HttpResponse Problem(const common::Error& error);
  static HttpResponse Problem(const common::Error& error, const ProblemOptions& options);

  HttpResponse& SetHeader(std::string name, std::string value) {
    headers.Set(std::move(name), std::move(value));
    return *this;
  }
};

// The Content-Disposition value for a download; exposed for tests.
std::string AttachmentDisposition(std::string_view filename);

}  // namespace sealpost::http
