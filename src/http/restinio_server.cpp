// The only translation unit that includes RESTinio (its headers cost ~25 s to compile).
//
// Port 0: RESTinio 0.6.16 has no accessor for the bound endpoint, but its acceptor_post_bind_hook
// runs on the acceptor right after bind(); we read local_endpoint() there. run_async() returns only
// once the server is listening (or throws), so the port is known when Start() returns.
//
// Off-I/O handling: the RESTinio request handler only takes a reference to the request and queues
// a task; the worker copies the request into an HttpRequest, runs the Router and calls done() on a
// response builder. done() may be called from any thread: the connection re-posts the write onto
// its own strand (default_traits_t are the thread-safe traits).
//
// Body limit: RESTinio cannot answer before a body is complete (no early hook in 0.6.16, no
// 100-continue), and a body above its own limit makes it close the connection without a response.
// So RESTinio's limit is set to the hard limit and max_body_bytes is checked here, which gives
// clients a clear 413 problem+json for anything up to the hard limit.
#include <fmt/core.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <restinio/all.hpp>

#include "common/random.hpp"
#include "http/http_server.hpp"
#include "http/problem.hpp"
#include "http/thread_pool.hpp"

namespace sealpost::http {

namespace {

using Traits = restinio::default_traits_t;
using RunningServer = restinio::running_server_handle_t<Traits>;
using Clock = std::chrono::steady_clock;

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Status";
  }
}

// A client-supplied X-Request-Id is reused only when it is short and made of safe characters,
// since it ends up in logs and response headers.
bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

// Raw paths come from http_parser (no spaces or CR/LF), but logs must stay one line whatever
// happens: replace anything unprintable and cap the length.
std::string LoggablePath(std::string_view raw_path) {
  std::string out;
  for (const char c : raw_path.substr(0, 256)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u <= 0x20 || u >= 0x7f || c == '"' ? '?' : c);
  }
  if (raw_path.size() > 256) out += "...";
  return out;
}

bool IsHopByHopOrFraming(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
         EqualsIgnoreCase(name, "Connection") || EqualsIgnoreCase(name, "Date") ||
         EqualsIgnoreCase(name, "X-Request-Id");
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerConfig config, Router router, Metrics& metrics)
      : config_(std::move(config)), router_(std::move(router)), metrics_(metrics) {}

  ~Impl() { Stop(); }

  common::Result<std::uint16_t> Start() {
    if (started_) {
      return common::Fail(common::ErrorCode::kInternal, "HttpServer::Start called twice");
    }
    if (config_.worker_threads == 0 || config_.io_threads == 0) {
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "http: worker_threads and io_threads must be at least 1");
    }
    const std::uint64_t hard_limit =
        config_.hard_body_limit_bytes != 0
            ? std::max(config_.hard_body_limit_bytes, config_.max_body_bytes)
            : 2 * static_cast<std::uint64_t>(config_.max_body_bytes) + 1024 * 1024;
    pool_ = std::make_unique<ThreadPool>(config_.worker_threads, config_.max_queued_requests);

    auto settings = restinio::server_settings_t<Traits>{}
                        .address(config_.address)
                        .port(config_.port)
                        .read_next_http_message_timelimit(config_.read_timeout)
                        .handle_request_timeout(config_.handle_timeout)
                        .write_http_response_timelimit(config_.write_timeout)
                        .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                      .max_url_size(8 * 1024)
                                                      .max_field_count(100)
                                                      .max_field_value_size(16 * 1024)
                                                      .max_body_size(hard_limit))
                        .acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& acceptor) {
                          bound_port_ = acceptor.local_endpoint().port();
                        })
                        .request_handler([this](restinio::request_handle_t request) {
                          return OnRequest(std::move(request));
                        });
    try {
      server_ = restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings),
                                            config_.io_threads);
    } catch (const std::exception& e) {
      pool_->Stop();
      pool_.reset();
      return common::Fail(
          common::ErrorCode::kUnavailable,
          fmt::format("http: cannot listen on {}:{}: {}", config_.address, config_.port, e.what()));
    }
    started_ = true;
    return bound_port_.load();
  }

  void Stop() {
    if (!started_ || stopped_) return;
    stopped_ = true;
    stopping_ = true;
    {
      // Let in-flight requests finish and their responses reach the socket.
      std::unique_lock lock(drain_mutex_);
      drained_.wait_for(lock, config_.drain_timeout, [this] { return in_flight_ == 0; });
    }
    pool_->Stop();
    server_->stop();
    server_->wait();
    server_.reset();
    bound_port_ = 0;
  }

  std::uint16_t port() const { return bound_port_.load(); }

 private:
  // On an I/O thread: queue the work and return at once.
  restinio::request_handling_status_t OnRequest(restinio::request_handle_t request) {
    const Clock::time_point start = Clock::now();
    BeginRequest();
    if (!stopping_) {
      if (pool_->TryPost([this, request, start] { Process(request, start); })) {
        return restinio::request_accepted();
      }
    }
    // Shutting down or saturated: answer here, it is cheap and keeps clients from hanging.
    const std::string request_id = RequestIdFor(*request);
    ProblemOptions options;
    options.request_id = request_id;
    HttpResponse response =
        ProblemResponse(503, "unavailable", "Service temporarily unavailable",
                        stopping_ ? "The server is shutting down; retry shortly."
                                  : "The server is overloaded; retry shortly.",
                        options);
    response.headers.Set("Retry-After", "1");
    Send(request, std::move(response), request_id, "unmatched", start);
    return restinio::request_accepted();
  }

  // On a worker thread.
  void Process(const restinio::request_handle_t& request, Clock::time_point start) {
    const std::string request_id = RequestIdFor(*request);
    std::string route = "unmatched";
    HttpResponse response;
    ProblemOptions options;
    options.request_id = request_id;
    try {
      const auto& header = request->header();
      auto parsed =
          HttpRequest::FromTarget(header.method().c_str(), std::string(header.request_target()));
      if (request->body().size() > config_.max_body_bytes) {
        options.extensions["max_body_bytes"] = config_.max_body_bytes;
        response = ProblemResponse(
            413, "payload_too_large", "Request body too large",
            fmt::format("The request body is {} bytes; this server accepts at most {} bytes.",
                        request->body().size(), config_.max_body_bytes),
            options);
      } else if (!parsed) {
        response =
            ProblemResponse(400, "malformed_url", "Malformed URL", parsed.error().message, options);
      } else {
        HttpRequest& http_request = *parsed;
        header.for_each_field([&](const restinio::http_header_field_t& field) {
          http_request.headers.Add(field.name(), field.value());
        });
        http_request.body = request->body();
        http_request.request_id = request_id;
        const auto& remote = request->remote_endpoint();
        http_request.remote_address =
            remote.address().is_v6()
                ? fmt::format("[{}]:{}", remote.address().to_string(), remote.port())
                : fmt::format("{}:{}", remote.address().to_string(), remote.port());
        response = router_.Handle(http_request);
        if (!http_request.route.empty()) route = http_request.route;
      }
    } catch (const std::exception& e) {
      response =
          ProblemResponse(common::Error{common::ErrorCode::kInternal,
                                        fmt::format("uncaught exception in handler: {}", e.what()),
                                        {}},
                          options);
    } catch (...) {
      response = ProblemResponse(
          common::Error{common::ErrorCode::kInternal, "uncaught non-standard exception", {}},
          options);
    }
    Send(request, std::move(response), request_id, route, start);
  }

  void Send(const restinio::request_handle_t& request, HttpResponse response,
            const std::string& request_id, const std::string& route, Clock::time_point start) {
    const std::string method = request->header().method().c_str();
    const int status = response.status;
    // Counted before the answer leaves: a client that has its answer sees it in /metrics.
    const Clock::duration elapsed = Clock::now() - start;
    metrics_.ObserveRequest(route, method, status, elapsed);
    try {
      auto builder = request->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, ReasonPhrase(status)});
      for (const auto& [name, value] : response.headers) {
        if (!IsHopByHopOrFraming(name)) builder.append_header(name, value);
      }
      builder.append_header("X-Request-Id", request_id);
      if (!response.headers.Has("X-Content-Type-Options")) {
        builder.append_header("X-Content-Type-Options", "nosniff");
      }
      // Most answers carry personal data; cacheable resources say so explicitly.
      if (!response.headers.Has("Cache-Control")) {
        builder.append_header("Cache-Control", "no-store");
      }
      builder.append_header_date_field();
      if (stopping_) builder.connection_close();
      const bool no_body = method == "HEAD" || status == 204 || status == 304 || status < 200;
      if (!no_body) builder.set_body(std::move(response.body));
      builder.done([this](const asio::error_code&) { EndRequest(); });
    } catch (const std::exception& e) {
      // The connection is gone (closed, timed out); nothing to send to.
      std::fprintf(stderr, "%s",
                   fmt::format("level=warn event=http_send_failed request_id={} error=\"{}\"\n",
                               request_id, e.what())
                       .c_str());
      EndRequest();
    }
    if (config_.log_requests) {
      const std::string target(request->header().request_target());
      const std::string_view raw_path = std::string_view(target).substr(0, target.find('?'));
      std::fprintf(
          stderr, "%s",
          fmt::format("level=info event=http_request method={} path=\"{}\" route=\"{}\" status={} "
                      "duration_ms={:.3f} request_id={} remote={}\n",
                      method, LoggablePath(raw_path), route, status,
                      std::chrono::duration<double, std::milli>(elapsed).count(), request_id,
                      request->remote_endpoint().address().to_string())
              .c_str());
    }
  }

  std::string RequestIdFor(const restinio::request_t& request) {
    const auto& header = request.header();
    if (header.has_field("X-Request-Id")) {
      const std::string value = header.get_field("X-Request-Id");
      if (IsSaneRequestId(value)) return value;
    }
    return common::NewUuid(random_);
  }

  void BeginRequest() {
    {
      std::lock_guard lock(drain_mutex_);
      ++in_flight_;
    }
    metrics_.AddInFlight(1);
  }

  void EndRequest() {
    metrics_.AddInFlight(-1);
    {
      std::lock_guard lock(drain_mutex_);
      --in_flight_;
    }
    drained_.notify_all();
  }

  const HttpServerConfig config_;
  const Router router_;
  Metrics& metrics_;
  common::SecureRandom random_;  // request ids; RAND_bytes is thread-safe

  std::unique_ptr<ThreadPool> pool_;
  RunningServer server_;
  std::atomic<std::uint16_t> bound_port_{0};
  bool started_ = false;
  bool stopped_ = false;
  std::atomic<bool> stopping_{false};

  std::mutex drain_mutex_;
  std::condition_variable drained_;
  std::size_t in_flight_ = 0;
};

HttpServer::HttpServer(HttpServerConfig config, Router router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(router), metrics)) {}

HttpServer::~HttpServer() = default;

common::Result<std::uint16_t> HttpServer::Start() { return impl_->Start(); }

void HttpServer::Stop() { impl_->Stop(); }

std::uint16_t HttpServer::port() const { return impl_->port(); }

}  // namespace sealpost::http
