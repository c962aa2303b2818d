// Black-box tests of HttpServer on an ephemeral loopback port, driven by libcurl.
#include "http/http_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "curl_client.hpp"
#include "http/problem.hpp"

namespace sealpost::http {
namespace {

using testing::Fetch;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    router.Add("POST", "/echo", [](const HttpRequest& request) {
      auto in = nlohmann::json::parse(request.body);
      return HttpResponse::Json(201, {{"got", in},
                                      {"request_id", request.request_id},
                                      {"content_type", request.Header("content-type").value_or("")},
                                      {"q", request.Query("q").value_or("")},
                                      {"remote", request.remote_address}});
    });
    router.Add("GET", "/items/{id}", [](const HttpRequest& request) {
      return HttpResponse::Json(200, {{"id", *request.Param("id")}});
    });
    router.Add("GET", "/throws", [](const HttpRequest&) -> HttpResponse {
      throw std::runtime_error("password=hunter2 in /etc/secret");
    });
    router.Add("GET", "/error", [](const HttpRequest& request) {
      ProblemOptions options;
      options.request_id = request.request_id;
      return ProblemResponse(
          common::Error{common::ErrorCode::kPermissionDenied, "not your item", ""}, options);
    });
    router.Add("GET", "/slow", [](const HttpRequest&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return HttpResponse::Text(200, "ok");
    });
    router.Add("GET", "/gate", [this](const HttpRequest&) {
      entered_gate_.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      return HttpResponse::Text(200, "done");
    });
    router.Add("GET", "/download", [](const HttpRequest&) {
      return HttpResponse::Bytes(200, "application/pdf", "%PDF-1.7", "evidence.pdf");
    });
    router.Add("POST", "/upload", [](const HttpRequest& request) {
      return HttpResponse::Json(200, {{"bytes", request.body.size()}});
    });
    router.Add("GET", "/metrics", [this](const HttpRequest&) {
      return HttpResponse::Text(200, metrics_.RenderPrometheus(),
                                std::string(Metrics::kContentType));
    });

    HttpServerConfig config;
    config.port = 0;
    config.max_body_bytes = 1024 * 1024;
    config.worker_threads = 4;
    config.io_threads = 2;
    config.log_requests = true;
    server_ = std::make_unique<HttpServer>(config, std::move(router), metrics_);
    auto port = server_->Start();
    ASSERT_TRUE(port.has_value()) << port.error().message;
    ASSERT_NE(*port, 0);
    EXPECT_EQ(server_->port(), *port);
    base_ = "http://127.0.0.1:" + std::to_string(*port);
  }

  void TearDown() override {
    if (server_) server_->Stop();
  }

  static nlohmann::json Json(const testing::ClientResponse& response) {
    return nlohmann::json::parse(response.body);
  }

  Metrics metrics_;
  std::promise<void> entered_gate_;
  std::unique_ptr<HttpServer> server_;
  std::string base_;
};

TEST_F(HttpServerTest, JsonRoundTrip) {
  const auto response = Fetch("POST", base_ + "/echo?q=a%20b&token=secret",
                              R"({"subject":"hé","n":[1,2]})", {"Content-Type: application/json"});
  ASSERT_EQ(response.status, 201) << response.error << response.body;
  EXPECT_EQ(response.headers.at("content-type"), "application/json");
  const auto body = Json(response);
  EXPECT_EQ(body["got"]["subject"], "hé");
  EXPECT_EQ(body["got"]["n"][1], 2);
  EXPECT_EQ(body["content_type"], "application/json");
  EXPECT_EQ(body["q"], "a b");
  EXPECT_TRUE(body["remote"].get<std::string>().starts_with("127.0.0.1:"));
  EXPECT_EQ(body["request_id"], response.headers.at("x-request-id"));
  EXPECT_EQ(response.headers.at("x-content-type-options"), "nosniff");
  EXPECT_EQ(response.headers.at("cache-control"), "no-store");
  EXPECT_TRUE(response.headers.contains("date"));
}

TEST_F(HttpServerTest, RouteParameter) {
  const auto response = Fetch("GET", base_ + "/items/it%2042");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(Json(response)["id"], "it 42");
}

TEST_F(HttpServerTest, BodyOverLimitIs413Problem) {
  const std::string two_mb(2 * 1024 * 1024, 'x');
  const auto response =
      Fetch("POST", base_ + "/upload", two_mb, {"Content-Type: application/octet-stream"});
  ASSERT_EQ(response.status, 413) << response.error;
  EXPECT_EQ(response.headers.at("content-type"), "application/problem+json");
  const auto body = Json(response);
  EXPECT_EQ(body["status"], 413);
  EXPECT_EQ(body["type"], "https://sealpost.eu/problems/payload_too_large");
  EXPECT_EQ(body["max_body_bytes"], 1024 * 1024);
  EXPECT_NE(body["detail"].get<std::string>().find("at most 1048576 bytes"), std::string::npos);

  // Exactly at the limit is fine, and the connection pool still works afterwards.
  const auto at_limit = Fetch("POST", base_ + "/upload", std::string(1024 * 1024, 'y'));
  ASSERT_EQ(at_limit.status, 200) << at_limit.error;
  EXPECT_EQ(Json(at_limit)["bytes"], 1024 * 1024);
}

// Beyond the hard limit (default 2 × max + 1 MiB) RESTinio drops the connection as soon as it sees
// Content-Length: no answer, but no memory spent either. The server keeps serving.
TEST_F(HttpServerTest, BodyBeyondHardLimitDropsTheConnection) {
  const auto response = Fetch("POST", base_ + "/upload", std::string(4 * 1024 * 1024, 'z'));
  EXPECT_NE(response.status, 200);
  EXPECT_EQ(Fetch("GET", base_ + "/items/1").status, 200);
}

TEST_F(HttpServerTest, UnknownRouteIs404AndWrongMethodIs405) {
  const auto missing = Fetch("GET", base_ + "/nope");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(Json(missing)["status"], 404);
  EXPECT_EQ(Json(missing)["request_id"], missing.headers.at("x-request-id"));

  const auto wrong = Fetch("DELETE", base_ + "/items/1");
  ASSERT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers.at("allow"), "GET");
  EXPECT_EQ(wrong.headers.at("content-type"), "application/problem+json");
}

TEST_F(HttpServerTest, MalformedUrlIs400) {
  const auto response = Fetch("GET", base_ + "/items/%zz");
  ASSERT_EQ(response.status, 400);
  EXPECT_EQ(Json(response)["type"], "https://sealpost.eu/problems/malformed_url");
}

TEST_F(HttpServerTest, ThrowingHandlerIs500WithoutLeaking) {
  const auto response = Fetch("GET", base_ + "/throws");
  ASSERT_EQ(response.status, 500);
  EXPECT_EQ(response.headers.at("content-type"), "application/problem+json");
  EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(response.body.find("/etc/secret"), std::string::npos);
  EXPECT_EQ(Json(response)["type"], "https://sealpost.eu/problems/internal");

  // The server keeps serving.
  EXPECT_EQ(Fetch("GET", base_ + "/items/1").status, 200);
}

TEST_F(HttpServerTest, HandlerProblemPassesThrough) {
  const auto response = Fetch("GET", base_ + "/error");
  ASSERT_EQ(response.status, 403);
  EXPECT_EQ(Json(response)["detail"], "not your item");
}

TEST_F(HttpServerTest, RequestIdIsEchoedWhenSaneAndGeneratedOtherwise) {
  const auto echoed = Fetch("GET", base_ + "/items/1", {}, {"X-Request-Id: client-abc.123"});
  EXPECT_EQ(echoed.headers.at("x-request-id"), "client-abc.123");

  const auto insane = Fetch("GET", base_ + "/items/1", {}, {"X-Request-Id: <script>"});
  EXPECT_NE(insane.headers.at("x-request-id"), "<script>");
  EXPECT_EQ(insane.headers.at("x-request-id").size(), 36u);  // a UUID

  const auto none = Fetch("GET", base_ + "/items/1");
  const auto other = Fetch("GET", base_ + "/items/1");
  EXPECT_EQ(none.headers.at("x-request-id").size(), 36u);
  EXPECT_NE(none.headers.at("x-request-id"), other.headers.at("x-request-id"));
}

TEST_F(HttpServerTest, DownloadHasAttachmentDisposition) {
  const auto response = Fetch("GET", base_ + "/download");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "%PDF-1.7");
  EXPECT_EQ(response.headers.at("content-type"), "application/pdf");
  EXPECT_TRUE(response.headers.at("content-disposition")
                  .starts_with("attachment; filename=\"evidence.pdf\""));
}

TEST_F(HttpServerTest, MetricsCountRequests) {
  const std::string series =
      "sealpost_http_requests_total{route=\"/items/{id}\",method=\"GET\",status=\"200\"} ";
  const auto count = [&]() -> long {
    const auto response = Fetch("GET", base_ + "/metrics");
    EXPECT_EQ(response.status, 200);
    const auto at = response.body.find(series);
    if (at == std::string::npos) return 0;
    return std::stol(response.body.substr(at + series.size()));
  };
  const long before = count();
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(Fetch("GET", base_ + "/items/" + std::to_string(i)).status, 200);
  EXPECT_EQ(count(), before + 3);
  const auto text = Fetch("GET", base_ + "/metrics");
  EXPECT_TRUE(text.headers.at("content-type").starts_with("text/plain; version=0.0.4"));
  EXPECT_NE(text.body.find("sealpost_http_request_duration_seconds_bucket{route=\"/items/{id}\""),
            std::string::npos);
  // Unknown paths share one label value instead of one series per path.
  Fetch("GET", base_ + "/random/path/1");
  EXPECT_NE(Fetch("GET", base_ + "/metrics")
                .body.find("route=\"unmatched\",method=\"GET\",status=\"404\""),
            std::string::npos);
}

TEST_F(HttpServerTest, FiftyConcurrentRequestsAreAllAnswered) {
  constexpr int kRequests = 50;
  std::vector<std::future<long>> results;
  for (int i = 0; i < kRequests; ++i) {
    results.push_back(std::async(std::launch::async, [&, i] {
      return Fetch("GET", base_ + (i % 2 == 0 ? "/slow" : "/items/" + std::to_string(i))).status;
    }));
  }
  int ok = 0;
  for (auto& result : results) {
    ASSERT_EQ(result.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    if (result.get() == 200) ++ok;
  }
  EXPECT_EQ(ok, kRequests);
}

TEST_F(HttpServerTest, StopIsGracefulAndIdempotent) {
  // A request already in its handler when Stop() begins still gets its complete answer.
  auto slow = std::async(std::launch::async, [&] { return Fetch("GET", base_ + "/gate"); });
  entered_gate_.get_future().wait();
  server_->Stop();
  const auto answered = slow.get();
  EXPECT_EQ(answered.status, 200) << answered.error;
  EXPECT_EQ(answered.body, "done");
  server_->Stop();
  EXPECT_EQ(server_->port(), 0);
  EXPECT_EQ(Fetch("GET", base_ + "/items/1").status, 0);  // nothing listens any more
}

TEST(HttpServerStartTest, BindFailureIsAnError) {
  Metrics metrics;
  Router router;
  router.Add("GET", "/", [](const HttpRequest&) { return HttpResponse::Text(200, "x"); });
  HttpServerConfig config;
  config.log_requests = false;
  HttpServer first(config, router, metrics);
  auto port = first.Start();
  ASSERT_TRUE(port.has_value());
  config.port = *port;
  HttpServer second(config, router, metrics);
  auto again = second.Start();
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, common::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sealpost::http
