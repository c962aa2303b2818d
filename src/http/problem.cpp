#include "http/problem.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace sealpost::http {

namespace {

using common::ErrorCode;

const char* TitleFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "Invalid request";
    case ErrorCode::kNotFound:
      return "Not found";
    case ErrorCode::kConflict:
      return "Conflict";
    case ErrorCode::kFailedPrecondition:
      return "Not possible in the current state";
    case ErrorCode::kUnauthenticated:
      return "Authentication required";
    case ErrorCode::kPermissionDenied:
      return "Permission denied";
    case ErrorCode::kUnavailable:
      return "Service temporarily unavailable";
    case ErrorCode::kInternal:
      return "Internal server error";
  }
  return "Internal server error";
}

std::string Slug(std::string_view text) {
  std::string slug;
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') {
      slug.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-') {
      slug.push_back(c);
    } else {
      slug.push_back('-');
    }
  }
  return slug;
}

HttpResponse Build(int status, std::string type, std::string_view title, std::string_view detail,
                   const ProblemOptions& options) {
  nlohmann::json body = nlohmann::json::object();
  if (options.extensions.is_object()) {
    body = options.extensions;
  }
  // Standard members are set after the extensions so that an extension can never replace them.
  body["type"] = std::move(type);
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  if (!options.instance.empty()) {
    body["instance"] = options.instance;
  }
  if (!options.request_id.empty()) {
    body["request_id"] = options.request_id;
  }
  HttpResponse response;
  response.status = status;
  response.headers.Set("Content-Type", std::string(kProblemContentType));
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (status == 401) {
    response.headers.Set("WWW-Authenticate", "Bearer realm=\"sealpost\"");
  }
  return response;
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ProblemTypeUri(const common::Error& error) {
  std::string slug = Slug(error.reason);
  if (slug.empty() || error.code == ErrorCode::kInternal) {
    slug = common::ErrorCodeName(error.code);
  }
  return std::string(kProblemTypeBase) + slug;
}

HttpResponse ProblemResponse(const common::Error& error, const ProblemOptions& options) {
  int status = HttpStatusFor(error.code);
  if (options.status && *options.status >= 400 && *options.status <= 599) {
    status = *options.status;
  }
  if (error.code == ErrorCode::kInternal) {
    // The message of an internal error may name tables, files or keys: log it, show nothing.
    std::fprintf(
        stderr, "%s",
        fmt::format("level=error event=internal_error request_id={} error=\"{}\"\n",
                    options.request_id.empty() ? "-" : options.request_id, error.ToString())
            .c_str());
    return Build(status, ProblemTypeUri(error), TitleFor(error.code),
                 "An internal error occurred. If it persists, contact support and quote the "
                 "request_id.",
                 options);
  }
  return Build(status, ProblemTypeUri(error), TitleFor(error.code), error.message, options);
}

HttpResponse ProblemResponse(const HttpRequest& request, const common::Error& error,
                             ProblemOptions options) {
  if (options.instance.empty()) options.instance = request.raw_path;
  if (options.request_id.empty()) options.request_id = request.request_id;
  return ProblemResponse(error, options);
}

HttpResponse ProblemResponse(int status, std::string_view type_slug, std::string_view title,
                             std::string_view detail, const ProblemOptions& options) {
  return Build(status, std::string(kProblemTypeBase) + Slug(type_slug), title, detail, options);
}

}  // namespace sealpost::http
