// HttpServer: the service's HTTP front door. RESTinio I/O threads parse requests; each request is
// copied into an HttpRequest and handled on a worker pool (so slow handlers — database, signing,
// PDF — never block I/O), dispatched through the Router, and its HttpResponse is sent back from the
// worker (RESTinio allows that from any thread). Around every handler it enforces the body size
// limit (413 problem+json), assigns X-Request-Id, turns exceptions into a 500 problem that leaks
// nothing, records Metrics and logs one line per request to stderr (never the query string,
// Authorization or bodies). RESTinio is included by restinio_server.cpp only.
//
// Thread-safety: Start() and Stop() from one controlling thread; the Router is read-only once
// started and handlers run concurrently on `worker_threads` threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace sealpost::http {

struct HttpServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: an ephemeral port, reported by Start()
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  std::size_t worker_threads = 4;
  std::size_t io_threads = 1;
  // Requests waiting for a worker beyond this are answered 503 at once (back-pressure).
  std::size_t max_queued_requests = 1024;
  // RESTinio reads a whole body before anyone can answer, so a body above max_body_bytes is read
  // and refused with a 413 problem; beyond this hard limit RESTinio drops the connection without
  // an answer (memory protection). 0 means 2 × max_body_bytes + 1 MiB.
  std::size_t hard_body_limit_bytes = 0;
  std::chrono::milliseconds read_timeout{60'000};     // idle keep-alive / slow request upload
  std::chrono::milliseconds handle_timeout{120'000};  // handler must answer within this
  std::chrono::milliseconds write_timeout{60'000};    // per write of a response
  std::chrono::milliseconds drain_timeout{10'000};    // Stop(): wait for in-flight responses
  bool log_requests = true;
};

class HttpServer {
 public:
  // `metrics` must outlive the server.
  HttpServer(HttpServerConfig config, Router router, Metrics& metrics);
  ~HttpServer();  // Stop()s if running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, starts the I/O and worker threads and returns the bound port (the real one when the
  // configured port is 0). Fails with kUnavailable when the address cannot be bound, kInternal when
  // called twice.
  common::Result<std::uint16_t> Start();

  // Graceful: new requests get 503 (Connection: close), in-flight requests finish and their
  // responses are written (up to drain_timeout), then the listener and connections close.
  // Idempotent; also called by the destructor.
  void Stop();

  // The bound port after a successful Start(), else 0.
  std::uint16_t port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sealpost::http
