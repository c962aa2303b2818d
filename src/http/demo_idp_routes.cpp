#include "http/demo_idp_routes.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "http/uri.hpp"

namespace sealpost::http {
namespace {

using app::DemoIdpParams;
using app::DemoIdpResponse;

std::string Path(std::string_view suffix) {
  return std::string(app::DemoIdentityProviderService::kMountPath) + std::string(suffix);
}

HttpResponse ToHttp(DemoIdpResponse answer) {
  HttpResponse response;
  response.status = answer.status;
  for (auto& [name, value] : answer.headers)
    response.headers.Add(std::move(name), std::move(value));
  if (!answer.content_type.empty()) {
    response.headers.Set("Content-Type", std::move(answer.content_type));
  }
  response.body = std::move(answer.body);
  return response;
}

// The decoded form of a POST body; nullopt unless it is application/x-www-form-urlencoded (OAuth
// 2.0 accepts no other encoding at these endpoints).
std::optional<DemoIdpParams> FormBody(const HttpRequest& request) {
  const auto content_type = request.Header("Content-Type");
  if (!content_type) return std::nullopt;
  std::string_view media = *content_type;
  media = media.substr(0, media.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!EqualsIgnoreCase(media, "application/x-www-form-urlencoded")) return std::nullopt;
  auto params = ParseQuery(request.body);
  if (!params) return std::nullopt;
  return std::move(*params);
}

HttpResponse OAuthError(int status, std::string_view error, std::string_view description) {
  HttpResponse response = HttpResponse::Json(
      status, nlohmann::json{{"error", error}, {"error_description", description}});
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddDemoIdpRoutes(Router& router, std::shared_ptr<app::DemoIdentityProviderService> service) {
  router.Add("GET", Path("/.well-known/openid-configuration"),
             [service](const HttpRequest&) { return ToHttp(service->Discovery()); });
  router.Add("GET", Path("/jwks"),
             [service](const HttpRequest&) { return ToHttp(service->Jwks()); });
  router.Add("GET", Path("/authorize"), [service](const HttpRequest& request) {
    return ToHttp(service->AuthorizePage(request.query));
  });
  router.Add("POST", Path("/authorize"), [service](const HttpRequest& request) {
    auto form = FormBody(request);
    if (!form) {
      return HttpResponse::Text(400, "DEMO identity provider: the form could not be read.\n");
    }
    return ToHttp(service->Authorize(*form));
  });
  router.Add("POST", Path("/token"), [service](const HttpRequest& request) {
    auto form = FormBody(request);
    if (!form) {
      return OAuthError(400, "invalid_request",
                        "the body must be application/x-www-form-urlencoded");
    }
    return ToHttp(service->Token(*form, request.Header("Authorization")));
  });
  auto userinfo = [service](const HttpRequest& request) {
    return ToHttp(service->UserInfo(request.Header("Authorization")));
  };
  router.Add("GET", Path("/userinfo"), userinfo);
  router.Add("POST", Path("/userinfo"), userinfo);
}

}  // namespace sealpost::http
