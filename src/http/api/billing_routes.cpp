#include "http/api/billing_routes.hpp"

#include <charconv>

#include "http/http_response.hpp"
#include "http/problem.hpp"

namespace sealpost::http::api {

namespace {

using common::ErrorCode;
using nlohmann::json;

constexpr std::size_t kDefaultPageSize = 50;
constexpr std::size_t kMaxPageSize = 200;

HttpResponse ProblemFor(const HttpRequest& request, const common::Error& error) {
  ProblemOptions options;
  options.instance = request.path;
  options.request_id = request.request_id;
  return HttpResponse::Problem(error, options);
}

std::string_view ModeName(domain::BillingMode mode) {
  return mode == domain::BillingMode::kPostpaid ? "postpaid" : "prepaid";
}

HttpResponse GetBalance(const BillingRoutes& routes, const HttpRequest& request) {
  auto caller = AuthenticateRequest(routes.authenticator, request);
  if (!caller) return ProblemFor(request, caller.error());
  auto view = routes.billing.Balance(*caller);
  if (!view) return ProblemFor(request, view.error());
  const bool postpaid = view->mode == domain::BillingMode::kPostpaid;
  return HttpResponse::Json(
      200, {{"currency", "EUR"},
            {"billing_mode", ModeName(view->mode)},
            {"balance_cents", view->balance},
            {"credit_limit_cents", postpaid ? json(view->credit_limit) : json(nullptr)},
            {"electronic_delivery_price_cents", view->electronic_delivery_net},
            {"vat_percent", view->vat_percent}});
}

HttpResponse ListMovements(const BillingRoutes& routes, const HttpRequest& request) {
  auto caller = AuthenticateRequest(routes.authenticator, request);
  if (!caller) return ProblemFor(request, caller.error());
  const auto format = request.Query("format");
  if (format && *format == "csv") {
    auto csv = routes.billing.MovementsCsv(*caller);
    if (!csv) return ProblemFor(request, csv.error());
    return HttpResponse::Bytes(200, "text/csv; charset=utf-8; header=present", std::move(*csv),
                               "sealpost-movements.csv");
  }
  if (format && *format != "json") {
    return ProblemFor(request, {ErrorCode::kInvalidArgument, "format must be json or csv", ""});
  }
  std::size_t limit = kDefaultPageSize;
  if (auto text = request.Query("limit")) {
    std::size_t n = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (error != std::errc() || end != text->data() + text->size() || n < 1 || n > kMaxPageSize) {
      return ProblemFor(request,
                        {ErrorCode::kInvalidArgument, "limit must be a number from 1 to 200", ""});
    }
    limit = n;
  }
  const std::string cursor(request.Query("cursor").value_or(""));
  auto page = routes.billing.Movements(*caller, cursor, limit);
  if (!page) return ProblemFor(request, page.error());
  json items = json::array();
  for (const auto& m : page->movements) {
    items.push_back({{"entry_id", m.entry_id},
                     {"at", common::FormatRfc3339(m.at)},
                     {"description", m.description},
                     {"reference", m.reference},
                     {"amount_cents", m.amount}});
  }
  return HttpResponse::Json(
      200, {{"items", items},
            {"next_cursor", page->next_cursor ? json(*page->next_cursor) : json(nullptr)}});
}

}  // namespace

void AddBillingRoutes(Router& router, const BillingRoutes& routes) {
  auto bind = [&routes](HttpResponse (*handler)(const BillingRoutes&, const HttpRequest&)) {
    return [routes, handler](const HttpRequest& request) { return handler(routes, request); };
  };
  router.Add("GET", "/api/v1/balance", bind(GetBalance));
  router.Add("GET", "/api/v1/movements", bind(ListMovements));
}

}  // namespace sealpost::http::api
