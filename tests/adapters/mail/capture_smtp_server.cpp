#include "adapters/mail/capture_smtp_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace sealpost::adapters::mail {

std::unique_ptr<CaptureSmtpServer> CaptureSmtpServer::Start(const Options& options,
                                                            std::string& error) {
  const std::string source = SEALPOST_SOURCE_DIR;
  for (const char* package : {"smtp-server", "mailparser"}) {
    if (!std::filesystem::exists(source + "/node_modules/" + package)) {
      error = std::string("node_modules/") + package + " is missing: run `npm ci` in " + source;
      return nullptr;
    }
  }
  std::vector<std::string> args = {"node", source + "/tests/smtp/capture_smtp_server.mjs"};
  if (!options.auth.empty()) args.insert(args.end(), {"--auth", options.auth});
  if (!options.tls_key_file.empty()) {
    args.insert(args.end(),
                {"--tls-key", options.tls_key_file, "--tls-cert", options.tls_cert_file});
  }
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // O_CLOEXEC: a server started later must not inherit this one's pipes (it would keep our stdin
  // open after we close it).
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return error = "pipe failed", nullptr;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return error = "pipe failed", nullptr;
  }
  std::unique_ptr<CaptureSmtpServer> server(new CaptureSmtpServer());
  server->pid_ = fork();
  if (server->pid_ == 0) {
    dup2(in[0], 0);  // dup2 clears O_CLOEXEC on the copies
    dup2(out[1], 1);
    execvp("node", argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  server->stdin_fd_ = in[1];
  server->stdout_fd_ = out[0];
  if (server->pid_ < 0) return error = "fork failed", nullptr;

  auto first = server->NextEvent(std::chrono::seconds(20));
  if (!first || first->value("event", "") != "listening") {
    error = "the capture SMTP server did not start" +
            (first ? ": unexpected first line " + first->dump() : std::string());
    return nullptr;
  }
  server->port_ = (*first)["port"].get<int>();
  return server;
}

CaptureSmtpServer::~CaptureSmtpServer() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::optional<std::string> CaptureSmtpServer::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (const std::size_t eol = buffer_.find('\n'); eol != std::string::npos) {
      std::string line = buffer_.substr(0, eol);
      buffer_.erase(0, eol + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd fd{stdout_fd_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(std::max<long long>(0, left.count()))) <= 0) {
      return std::nullopt;
    }
    char chunk[65536];
    const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;  // the server exited
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<nlohmann::json> CaptureSmtpServer::NextEvent(std::chrono::milliseconds timeout) {
  auto line = ReadLine(timeout);
  if (!line) return std::nullopt;
  return nlohmann::json::parse(*line);
}

std::optional<nlohmann::json> CaptureSmtpServer::NextEventOf(std::string_view event,
                                                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto next = NextEvent(std::max(left, std::chrono::milliseconds(0)));
    if (!next) return std::nullopt;
    if ((*next)["event"] == event) return next;
  }
}

void CaptureSmtpServer::Drain() {
  while (NextEvent(std::chrono::milliseconds(0))) {
  }
}

}  // namespace sealpost::adapters::mail
