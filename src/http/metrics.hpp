// Metrics: process metrics rendered in the Prometheus text exposition format (version 0.0.4) for
// GET /metrics. The HTTP server records one observation per request, labelled by route *pattern*
// (never the raw path, which would explode cardinality and could leak ids), method and status;
// other parts of the service register callbacks for values they own (e.g. evidence log size).
//
// Thread-safety: every method may be called concurrently. Callbacks run during Render() under the
// registry lock, so they must be quick and must not call back into this object.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace sealpost::http {

class Metrics {
 public:
  using ValueCallback = std::function<double()>;

  // Upper bounds (seconds) of the request duration histogram buckets; +Inf is implicit.
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0};

  // One finished request: sealpost_http_requests_total{route,method,status} and
  // sealpost_http_request_duration_seconds{route,method,status_class}.
  void ObserveRequest(std::string_view route, std::string_view method, int status,
                      std::chrono::steady_clock::duration duration);

  // Requests currently being handled (sealpost_http_requests_in_flight).
  void AddInFlight(int delta);

  // Registers a value read at each scrape. `name` must match [a-zA-Z_:][a-zA-Z0-9_:]* and be
  // unique; `labels` is an optional pre-rendered label set such as `log="evidence"`.
  // Registering an invalid or duplicate series is a programming error: throws
  // std::invalid_argument.
  void RegisterGauge(std::string name, std::string help, ValueCallback callback,
                     std::string labels = {});
  void RegisterCounter(std::string name, std::string help, ValueCallback callback,
                       std::string labels = {});

  std::string RenderPrometheus() const;

  // Content-Type of RenderPrometheus() output.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};  // non-cumulative counts
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Callback {
    std::string type;  // "gauge" or "counter"
    std::string name;
    std::string help;
    std::string labels;
    ValueCallback callback;
  };

  void Register(std::string type, std::string name, std::string help, ValueCallback callback,
                std::string labels);

  mutable std::mutex mutex_;
  // (route, method, status) → count
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  // (route, method, status class "2xx") → histogram
  std::map<std::tuple<std::string, std::string, std::string>, Histogram> durations_;
  std::int64_t in_flight_ = 0;
  std::vector<Callback> callbacks_;
};

}  // namespace sealpost::http
