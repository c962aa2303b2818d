// A tiny HTTP/1.1 server for the webhook tests, standing in for an integrator's endpoint: listens
// on 127.0.0.1 (a free port), records every request (method, path, headers, raw body) and answers
// each with the next scripted status (then 200). One connection at a time, "Connection: close".
// Thread-safe: the accept loop runs on its own thread; the accessors lock.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sealpost::integration {

struct ReceivedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  int answered = 0;  // the status the receiver answered with
};

class WebhookReceiver {
 public:
  WebhookReceiver();
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;
  // The next requests are answered with these statuses, in order.
  void Script(std::vector<int> statuses);
  std::vector<ReceivedRequest> Requests() const;
  // Waits up to `timeout` for a request matching `match`; returns it, or nothing on time-out.
  std::optional<ReceivedRequest> WaitFor(const std::function<bool(const ReceivedRequest&)>& match,
                                         std::chrono::seconds timeout = std::chrono::seconds(20));

 private:
  void Loop();
  void Serve(int connection);

  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::deque<int> script_;
  std::vector<ReceivedRequest> requests_;
  bool stopping_ = false;
};

}  // namespace sealpost::integration
