// LoopbackHttpServer: a tiny HTTP/1.1 server on 127.0.0.1 (any free port) that stands in for a
// payment provider's API or for sealpost's webhook endpoint: every request is recorded (method,
// target, headers, body) and answered by the test's handler with canned bytes. One connection at
// a time, Content-Length bodies only, "Connection: close" — all libcurl needs here.
// Thread-safety: requests() may be called from the test thread while the server thread serves.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace sealpost::adapters::payment::testing {

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header `name` (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;
};

struct CannedReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class LoopbackHttpServer {
 public:
  using Handler = std::function<CannedReply(const RecordedRequest&)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  // "http://127.0.0.1:<port>" (no trailing slash).
  std::string BaseUrl() const;
  std::vector<RecordedRequest> requests() const;

 private:
  void Serve();
  void HandleConnection(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

// The contents of tests/adapters/payment/testdata/<name>.
std::string ReadTestData(std::string_view name);

}  // namespace sealpost::adapters::payment::testing
