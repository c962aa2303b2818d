#include "http/api/webhook_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/http_response.hpp"
#include "http/problem.hpp"

namespace sealpost::http::api {

namespace {

using common::ErrorCode;
using nlohmann::json;

HttpResponse ProblemFor(const HttpRequest& request, const common::Error& error) {
  ProblemOptions options;
  options.instance = request.path;
  options.request_id = request.request_id;
  return HttpResponse::Problem(error, options);
}

json Time(const std::optional<common::TimePoint>& t) {
  return t ? json(common::FormatRfc3339(*t)) : json(nullptr);
}

json EndpointJson(const app::WebhookEndpointView& view) {
  const app::WebhookEndpoint& e = view.endpoint;
  return {{"id", e.id},
          {"url", e.url},
          {"description", e.description},
          {"created_at", common::FormatRfc3339(e.created_at)},
          {"previous_secret_until", view.rotating ? Time(e.previous_secret_until) : json()}};
}

json DeliveryJson(const app::WebhookDelivery& d) {
  std::string status = "pending";
  if (d.delivered_at) status = "delivered";
  if (d.failed_at) status = "failed";
  return {{"id", d.id},
          {"event_id", d.event_id},
          {"event", d.event_name},
          {"evidence_id", d.evidence_id.empty() ? json() : json(d.evidence_id)},
          {"replay_of", d.replay_of.empty() ? json() : json(d.replay_of)},
          {"status", status},
          {"created_at", common::FormatRfc3339(d.created_at)},
          {"next_attempt_at",
           d.delivered_at || d.failed_at ? json() : json(common::FormatRfc3339(d.next_attempt_at))},
          {"delivered_at", Time(d.delivered_at)},
          {"failed_at", Time(d.failed_at)},
          {"attempt_count", d.attempts},
          {"last_status_code", d.last_status ? json(*d.last_status) : json()},
          {"last_error", d.last_error.empty() ? json() : json(d.last_error)}};
}

json AttemptJson(const app::WebhookAttempt& a) {
  return {{"number", a.number},
          {"attempted_at", common::FormatRfc3339(a.attempted_at)},
          {"status_code", a.status_code ? json(*a.status_code) : json()},
          {"error", a.error.empty() ? json() : json(a.error)},
          {"duration_ms", a.duration_ms}};
}

json WithSecretJson(const app::WebhookWithSecret& created) {
  json out = EndpointJson(created.endpoint);
  out["secret"] = created.secret;  // shown this once
  return out;
}

#define SP_TRY(var, expr) \
  auto var = (expr);      \
  if (!var) return ProblemFor(request, var.error())

common::Result<nlohmann::json> JsonObjectBody(const HttpRequest& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return common::Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  }
  return body;
}

HttpResponse Create(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(body, JsonObjectBody(request));
  auto url = body->find("url");
  if (url == body->end() || !url->is_string()) {
    return ProblemFor(request, {ErrorCode::kInvalidArgument, "url must be a string", ""});
  }
  std::string description;
  if (auto d = body->find("description"); d != body->end() && !d->is_null()) {
    if (!d->is_string()) {
      return ProblemFor(request, {ErrorCode::kInvalidArgument, "description must be a string", ""});
    }
    description = d->get<std::string>();
  }
  SP_TRY(created, r.webhooks.Create(*caller, url->get<std::string>(), description));
  return HttpResponse::Json(201, WithSecretJson(*created))
      .SetHeader("Cache-Control", "no-store")
      .SetHeader("Location", "/api/v1/webhooks/" + created->endpoint.endpoint.id);
}

HttpResponse List(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(endpoints, r.webhooks.List(*caller));
  json items = json::array();
  for (const auto& e : *endpoints) items.push_back(EndpointJson(e));
  return HttpResponse::Json(200, {{"items", items}});
}

HttpResponse Delete(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(deleted, r.webhooks.Delete(*caller, std::string(*request.Param("id"))));
  return HttpResponse::Empty(204);
}

HttpResponse Rotate(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(rotated, r.webhooks.RotateSecret(*caller, std::string(*request.Param("id"))));
  return HttpResponse::Json(200, WithSecretJson(*rotated)).SetHeader("Cache-Control", "no-store");
}

HttpResponse Test(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(queued, r.webhooks.SendTest(*caller, std::string(*request.Param("id"))));
  return HttpResponse::Json(202, DeliveryJson(*queued));
}

HttpResponse Deliveries(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(deliveries, r.webhooks.Deliveries(*caller, std::string(*request.Param("id"))));
  json items = json::array();
  for (const auto& d : *deliveries) {
    json item = DeliveryJson(d.delivery);
    json attempts = json::array();
    for (const auto& a : d.attempts) attempts.push_back(AttemptJson(a));
    item["attempts"] = std::move(attempts);
    items.push_back(std::move(item));
  }
  return HttpResponse::Json(200, {{"items", items}});
}

HttpResponse Replay(const WebhookRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(queued, r.webhooks.Replay(*caller, std::string(*request.Param("id")),
                                   std::string(*request.Param("delivery_id"))));
  return HttpResponse::Json(202, DeliveryJson(*queued));
}

#undef SP_TRY

}  // namespace

void AddWebhookRoutes(Router& router, const WebhookRoutes& routes) {
  auto bind = [routes](HttpResponse (*handler)(const WebhookRoutes&, const HttpRequest&)) {
    return [routes, handler](const HttpRequest& request) { return handler(routes, request); };
  };
  router.Add("POST", "/api/v1/webhooks", bind(Create));
  router.Add("GET", "/api/v1/webhooks", bind(List));
  router.Add("DELETE", "/api/v1/webhooks/{id}", bind(Delete));
  router.Add("POST", "/api/v1/webhooks/{id}/rotate-secret", bind(Rotate));
  router.Add("POST", "/api/v1/webhooks/{id}/test", bind(Test));
  router.Add("GET", "/api/v1/webhooks/{id}/deliveries", bind(Deliveries));
  router.Add("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/replay", bind(Replay));
}

}  // namespace sealpost::http::api
