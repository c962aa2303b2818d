// The real SMTP server of the mail tests (tests/smtp/capture_smtp_server.mjs: npm smtp-server +
// mailparser) as a child process. Its stdout is one JSON event per line; tests read them in
// order. The child ends when this object is destroyed (stdin closed, SIGTERM, reaped).
// Not thread-safe: one test thread reads the events.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sealpost::adapters::mail {

class CaptureSmtpServer {
 public:
  struct Options {
    std::string auth;  // "user:password": AUTH required
    std::string tls_key_file;
    std::string tls_cert_file;  // with the key: STARTTLS offered
  };

  // nullptr and `error` set when node or the npm packages are missing or the server did not
  // come up.
  static std::unique_ptr<CaptureSmtpServer> Start(const Options& options, std::string& error);
  ~CaptureSmtpServer();
  CaptureSmtpServer(const CaptureSmtpServer&) = delete;
  CaptureSmtpServer& operator=(const CaptureSmtpServer&) = delete;

  int port() const { return port_; }
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // The next event, or nullopt when none arrives within `timeout`.
  std::optional<nlohmann::json> NextEvent(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The next event of kind `event` ("message", "connect", …), skipping others.
  std::optional<nlohmann::json> NextEventOf(
      std::string_view event, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Drops the events that have already arrived.
  void Drain();

 private:
  CaptureSmtpServer() = default;
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string buffer_;
};

}  // namespace sealpost::adapters::mail
