#include "http/metrics.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sealpost::http {

namespace {

// Label values are escaped as the exposition format requires: backslash, quote, newline.
std::string EscapeLabel(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", value);
}

bool IsMetricName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ':';
  });
}

}  // namespace

void Metrics::ObserveRequest(std::string_view route, std::string_view method, int status,
                             std::chrono::steady_clock::duration duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  const std::string status_class = std::to_string(status / 100) + "xx";
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), std::string(method), status}];
  Histogram& histogram = durations_[{std::string(route), std::string(method), status_class}];
  const auto bucket = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds);
  if (bucket != kLatencyBuckets.end()) {
    ++histogram.buckets[static_cast<std::size_t>(bucket - kLatencyBuckets.begin())];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::AddInFlight(int delta) {
  std::lock_guard lock(mutex_);
  in_flight_ += delta;
}

void Metrics::RegisterGauge(std::string name, std::string help, ValueCallback callback,
                            std::string labels) {
  Register("gauge", std::move(name), std::move(help), std::move(callback), std::move(labels));
}

void Metrics::RegisterCounter(std::string name, std::string help, ValueCallback callback,
                              std::string labels) {
  Register("counter", std::move(name), std::move(help), std::move(callback), std::move(labels));
}

void Metrics::Register(std::string type, std::string name, std::string help, ValueCallback callback,
                       std::string labels) {
  if (!IsMetricName(name) || name.starts_with("sealpost_http_")) {
    throw std::invalid_argument("invalid or reserved metric name: " + name);
  }
  if (!callback) {
    throw std::invalid_argument("metric " + name + " has no callback");
  }
  std::lock_guard lock(mutex_);
  for (const Callback& existing : callbacks_) {
    if (existing.name == name && (existing.labels == labels || existing.type != type)) {
      throw std::invalid_argument("metric registered twice: " + name + "{" + labels + "}");
    }
  }
  // Series of one name stay adjacent so that HELP and TYPE are written once per name.
  auto position = callbacks_.end();
  for (auto it = callbacks_.begin(); it != callbacks_.end(); ++it) {
    if (it->name == name) position = std::next(it);
  }
  callbacks_.insert(position, Callback{std::move(type), std::move(name), std::move(help),
                                       std::move(labels), std::move(callback)});
}

std::string Metrics::RenderPrometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP sealpost_http_requests_total HTTP requests answered, by route pattern, method and "
      "status.\n"
      "# TYPE sealpost_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out +=
        fmt::format("sealpost_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    EscapeLabel(route), EscapeLabel(method), status, count);
  }
  out +=
      "# HELP sealpost_http_request_duration_seconds Time from request received to response "
      "handed to the connection.\n"
      "# TYPE sealpost_http_request_duration_seconds histogram\n";
  for (const auto& [key, histogram] : durations_) {
    const auto& [route, method, status_class] = key;
    const std::string labels = fmt::format("route=\"{}\",method=\"{}\",status_class=\"{}\"",
                                           EscapeLabel(route), EscapeLabel(method), status_class);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out += fmt::format("sealpost_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, FormatValue(kLatencyBuckets[i]), cumulative);
    }
    out += fmt::format("sealpost_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, histogram.count);
    out += fmt::format("sealpost_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       FormatValue(histogram.sum));
    out += fmt::format("sealpost_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       histogram.count);
  }
  out +=
      "# HELP sealpost_http_requests_in_flight HTTP requests being handled now.\n"
      "# TYPE sealpost_http_requests_in_flight gauge\n";
  out += fmt::format("sealpost_http_requests_in_flight {}\n", in_flight_);

  std::string last_name;
  for (const Callback& metric : callbacks_) {
    if (metric.name != last_name) {
      out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", metric.name, metric.help, metric.name,
                         metric.type);
      last_name = metric.name;
    }
    double value = 0;
    try {
      value = metric.callback();
    } catch (...) {
      value = std::nan("");  // a broken probe must not break the whole scrape
    }
    if (metric.labels.empty()) {
      out += fmt::format("{} {}\n", metric.name, FormatValue(value));
    } else {
      out += fmt::format("{}{{{}}} {}\n", metric.name, metric.labels, FormatValue(value));
    }
  }
  return out;
}

}  // namespace sealpost::http
