#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace sealpost::http {
namespace {

using std::chrono::milliseconds;

bool Contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

TEST(MetricsTest, CountsRequestsAndBucketsLatency) {
  Metrics metrics;
  metrics.ObserveRequest("/api/v1/items", "POST", 201, milliseconds(3));
  metrics.ObserveRequest("/api/v1/items", "POST", 201, milliseconds(300));
  metrics.ObserveRequest("/api/v1/items", "POST", 422, milliseconds(1));
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE sealpost_http_requests_total counter\n"));
  EXPECT_TRUE(Contains(
      text,
      "sealpost_http_requests_total{route=\"/api/v1/items\",method=\"POST\",status=\"201\"} 2\n"));
  EXPECT_TRUE(Contains(
      text,
      "sealpost_http_requests_total{route=\"/api/v1/items\",method=\"POST\",status=\"422\"} 1\n"));
  const std::string labels = "route=\"/api/v1/items\",method=\"POST\",status_class=\"2xx\"";
  EXPECT_TRUE(Contains(
      text, "sealpost_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"} 0\n"));
  EXPECT_TRUE(Contains(
      text, "sealpost_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 1\n"));
  EXPECT_TRUE(Contains(
      text, "sealpost_http_request_duration_seconds_bucket{" + labels + ",le=\"0.5\"} 2\n"));
  EXPECT_TRUE(Contains(
      text, "sealpost_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 2\n"));
  EXPECT_TRUE(Contains(text, "sealpost_http_request_duration_seconds_count{" + labels + "} 2\n"));
}

TEST(MetricsTest, CallbacksAreGroupedAndEscaped) {
  Metrics metrics;
  metrics.RegisterGauge("sealpost_evidence_log_size", "Leaves in the evidence log.",
                        [] { return 42.0; });
  metrics.RegisterCounter(
      "sealpost_jobs_done_total", "Jobs done.", [] { return 7.0; }, "queue=\"mail\"");
  metrics.RegisterCounter(
      "sealpost_jobs_done_total", "Jobs done.", [] { return 8.0; }, "queue=\"webhook\"");
  metrics.RegisterGauge("sealpost_broken", "Throws.",
                        []() -> double { throw std::runtime_error("x"); });
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(
      Contains(text, "# TYPE sealpost_evidence_log_size gauge\nsealpost_evidence_log_size 42\n"));
  EXPECT_TRUE(Contains(text,
                       "# TYPE sealpost_jobs_done_total counter\n"
                       "sealpost_jobs_done_total{queue=\"mail\"} 7\n"
                       "sealpost_jobs_done_total{queue=\"webhook\"} 8\n"));
  EXPECT_TRUE(Contains(text, "sealpost_broken NaN\n"));
  EXPECT_THROW(metrics.RegisterGauge("sealpost_evidence_log_size", "dup", [] { return 1.0; }),
               std::invalid_argument);
  EXPECT_THROW(metrics.RegisterGauge("bad name", "x", [] { return 1.0; }), std::invalid_argument);
  EXPECT_THROW(metrics.RegisterGauge("sealpost_http_x", "reserved", [] { return 1.0; }),
               std::invalid_argument);
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) metrics.ObserveRequest("/x", "GET", 200, milliseconds(1));
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(
      Contains(metrics.RenderPrometheus(),
               "sealpost_http_requests_total{route=\"/x\",method=\"GET\",status=\"200\"} 8000\n"));
}

}  // namespace
}  // namespace sealpost::http
