#include "http/http_request.hpp"

namespace sealpost::http {

common::Result<HttpRequest> HttpRequest::FromTarget(std::string method, std::string target) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  const SplitTargetResult split = SplitTarget(request.target);
  request.raw_path = std::string(split.path);
  auto path = PercentDecode(split.path);
  if (!path) {
    return std::unexpected(path.error());
  }
  request.path = std::move(*path);
  auto query = ParseQuery(split.query);
  if (!query) {
    return std::unexpected(query.error());
  }
  request.query = std::move(*query);
  return request;
}

std::optional<std::string_view> HttpRequest::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> HttpRequest::Param(std::string_view name) const {
  const auto it = route_params.find(name);
  if (it == route_params.end()) {
    return std::nullopt;
  }
  return std::string_view(it->second);
}

}  // namespace sealpost::http
