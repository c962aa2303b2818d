// HttpRequest: what a handler sees of an incoming HTTP request — a plain value copied out of the
// server's own request object, so handlers never include RESTinio and can be unit-tested by
// building one by hand. Not synchronised: the server hands each request to exactly one worker
// thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/headers.hpp"
#include "http/uri.hpp"

namespace sealpost::http {

struct HttpRequest {
  std::string method;    // upper-case token as received: "GET", "POST", ...
  std::string target;    // raw request-target, e.g. "/api/v1/items?cursor=a%2Bb"
  std::string raw_path;  // path part of `target`, still percent-encoded (used for routing, logs)
  std::string path;      // `raw_path` percent-decoded (for display; route on segments instead)
  QueryParams query;     // decoded, in order; repeated names are kept
  Headers headers;       // case-insensitive lookup
  std::string body;      // complete body (the server enforces its size limit before this)
  std::map<std::string, std::string, std::less<>> route_params;  // "{id}" values, decoded
  std::string route;       // matched route pattern, e.g. "/api/v1/items/{id}"; set by the Router
  std::string request_id;  // X-Request-Id: the client's if sane, else generated
  std::string remote_address;  // "ip:port" of the peer (no proxy headers are trusted here)

  // Builds a request from method and raw target (path and query parsed and decoded).
  // Fails with kInvalidArgument on malformed percent-encoding.
  static common::Result<HttpRequest> FromTarget(std::string method, std::string target);

  std::optional<std::string_view> Header(std::string_view name) const { return headers.Get(name); }
  // First value of a query parameter.
  std::optional<std::string_view> Query(std::string_view name) const;
  // A route parameter; handlers registered with "{name}" can rely on it being present.
  std::optional<std::string_view> Param(std::string_view name) const;
};

}  // namespace sealpost::http
