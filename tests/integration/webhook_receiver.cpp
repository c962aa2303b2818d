#include "integration/webhook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <stdexcept>

namespace sealpost::integration {

namespace {

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  const auto end = text.find_last_not_of(" \t\r");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

}  // namespace

WebhookReceiver::WebhookReceiver() {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  if (listener_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener_, 16) != 0) {
    throw std::runtime_error("bind/listen failed");
  }
  socklen_t length = sizeof address;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Loop(); });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  thread_.join();
  close(listener_);
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::Script(std::vector<int> statuses) {
  std::lock_guard lock(mutex_);
  script_.assign(statuses.begin(), statuses.end());
}

std::vector<ReceivedRequest> WebhookReceiver::Requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::optional<ReceivedRequest> WebhookReceiver::WaitFor(
    const std::function<bool(const ReceivedRequest&)>& match, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& r : Requests()) {
      if (match(r)) return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::nullopt;
}

void WebhookReceiver::Loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    pollfd fd{listener_, POLLIN, 0};
    if (poll(&fd, 1, 100) <= 0) continue;
    const int connection = accept(listener_, nullptr, nullptr);
    if (connection < 0) continue;
    Serve(connection);
    close(connection);
  }
}

void WebhookReceiver::Serve(int connection) {
  std::string data;
  char buffer[8192];
  std::size_t header_end = std::string::npos;
  std::size_t content_length = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
    pollfd fd{connection, POLLIN, 0};
    if (poll(&fd, 1, 100) <= 0) continue;
    const ssize_t n = read(connection, buffer, sizeof buffer);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        const std::string head = Lower(data.substr(0, header_end));
        const auto at = head.find("\r\ncontent-length:");
        if (at != std::string::npos) {
          content_length = std::stoul(head.substr(at + 17, head.find("\r\n", at + 2) - at - 17));
        }
      }
    }
  }
  if (header_end == std::string::npos) return;
  ReceivedRequest request;
  std::size_t line_end = data.find("\r\n");
  const std::string first = data.substr(0, line_end);
  request.method = first.substr(0, first.find(' '));
  request.path = first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
  std::size_t at = line_end + 2;
  while (at < header_end) {
    const std::size_t end = data.find("\r\n", at);
    const std::string line = data.substr(at, end - at);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      request.headers[Lower(line.substr(0, colon))] = Trim(line.substr(colon + 1));
    }
    at = end + 2;
  }
  request.body = data.substr(header_end + 4, content_length);
  {
    std::lock_guard lock(mutex_);
    request.answered = 200;
    if (!script_.empty()) {
      request.answered = script_.front();
      script_.pop_front();
    }
    requests_.push_back(request);
  }
  const std::string answer = "HTTP/1.1 " + std::to_string(request.answered) +
                             " Whatever\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
  const ssize_t written = write(connection, answer.data(), answer.size());
  (void)written;
}

}  // namespace sealpost::integration
