// The real `sealpost serve --demo` binary, started as a child process on a private data directory
// and a kernel-chosen port. Black-box on purpose: the tests see the service exactly as an API
// client does.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sealpost::integration {

// A fresh directory under /tmp, removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ServerOptions {
  std::filesystem::path data_dir;
  std::vector<std::string> extra_args;  // e.g. {"--config", FILE} or {"--database", URL}
};

class ServerProcess {
 public:
  // Starts the binary and waits until it announces its port. Fails the current test (and returns
  // nullptr) when it does not come up.
  static std::unique_ptr<ServerProcess> Start(const ServerOptions& options);
  ~ServerProcess();  // never leaves the child running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& sender_key() const { return sender_key_; }
  const std::string& recipient_key() const { return recipient_key_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::filesystem::path ca_pem() const { return data_dir_ / "pki" / "ca.pem"; }
  std::filesystem::path tsa_pem() const { return data_dir_ / "pki" / "tsa.pem"; }

  // SIGTERM, then SIGKILL if it has not exited within a few seconds. Returns the wait status.
  int Stop();
  // SIGKILL at once: a crash as far as the service can tell.
  void Kill();
  // What the child wrote so far on stdout and stderr, for failure messages.
  std::string Output() const;

 private:
  ServerProcess() = default;
  void ReadStdout(int fd);
  bool WaitReady();
  int Reap(bool kill_first_with_sigterm);

  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string sender_key_;
  std::string recipient_key_;
  std::filesystem::path data_dir_;
  std::filesystem::path stderr_path_;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string stdout_text_;
  bool stdout_closed_ = false;
};

}  // namespace sealpost::integration
