#include "integration/server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace sealpost::integration {

namespace {

constexpr std::string_view kReadyMarker = "sealpost listening on http://localhost:";
constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(10);

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sealpost-it-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::unique_ptr<ServerProcess> ServerProcess::Start(const ServerOptions& options) {
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  server->data_dir_ = options.data_dir;
  // Beside the data directory, so that the service's own files stay exactly what it wrote.
  server->stderr_path_ = options.data_dir.string() + ".stderr.log";

  std::vector<std::string> args = {SEALPOST_BINARY,           "serve",  "--demo", "--data",
                                   options.data_dir.string(), "--port", "0"};
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2 failed";
    return nullptr;
  }
  int err = open(server->stderr_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec. The child dies with the test process,
    // so an aborted test binary can never leave a server running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    if (err >= 0) dup2(err, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  if (err >= 0) close(err);
  if (pid < 0) {
    close(out[0]);
    ADD_FAILURE() << "fork failed";
    return nullptr;
  }
  server->pid_ = pid;
  server->reader_ = std::thread([s = server.get(), fd = out[0]] { s->ReadStdout(fd); });
  if (!server->WaitReady()) {
    ADD_FAILURE() << "sealpost did not start:\n" << server->Output();
    return nullptr;  // the destructor stops the child
  }
  std::istringstream keys(ReadWholeFile(options.data_dir / "demo-api-keys.txt"));
  std::string role, key;
  while (keys >> role >> key) {
    if (role == "sender") server->sender_key_ = key;
    if (role == "recipient") server->recipient_key_ = key;
  }
  if (server->sender_key_.empty() || server->recipient_key_.empty()) {
    ADD_FAILURE() << "no demo API keys in " << (options.data_dir / "demo-api-keys.txt");
    return nullptr;
  }
  return server;
}

ServerProcess::~ServerProcess() {
  Reap(true);
  if (reader_.joinable()) reader_.join();
}

void ServerProcess::ReadStdout(int fd) {
  char buffer[4096];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mutex_);
    stdout_text_.append(buffer, static_cast<std::size_t>(n));
    changed_.notify_all();
  }
  close(fd);
  std::lock_guard lock(mutex_);
  stdout_closed_ = true;
  changed_.notify_all();
}

bool ServerProcess::WaitReady() {
  std::unique_lock lock(mutex_);
  bool ready = changed_.wait_for(lock, kStartTimeout, [this] {
    auto at = stdout_text_.find(kReadyMarker);
    return stdout_closed_ ||
           (at != std::string::npos && stdout_text_.find('\n', at) != std::string::npos);
  });
  auto at = stdout_text_.find(kReadyMarker);
  if (!ready || at == std::string::npos) return false;
  port_ = static_cast<std::uint16_t>(std::stoi(stdout_text_.substr(at + kReadyMarker.size())));
  return port_ != 0;
}

int ServerProcess::Reap(bool graceful) {
  if (pid_ <= 0) return 0;
  kill(pid_, graceful ? SIGTERM : SIGKILL);
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  for (;;) {
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "sealpost ignored SIGTERM for " << kStopTimeout.count() << " s; killing it";
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  return status;
}

int ServerProcess::Stop() {
  int status = Reap(true);
  if (reader_.joinable()) reader_.join();
  return status;
}

void ServerProcess::Kill() {
  Reap(false);
  if (reader_.joinable()) reader_.join();
}

std::string ServerProcess::Output() const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out = "--- stdout ---\n" + stdout_text_;
  }
  return out + "--- stderr ---\n" + ReadWholeFile(stderr_path_);
}

}  // namespace sealpost::integration
