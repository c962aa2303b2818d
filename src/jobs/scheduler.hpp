// Scheduler: runs periodic background tasks (deadline expiry, log checkpoints) on one thread.
// A task that fails is logged and retried at its next period; tasks never overlap each other.
// Start()/Stop() are called from the composition root; Stop() waits for a running task to finish.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.hpp"

namespace sealpost::jobs {

class Scheduler {
 public:
  using Task = std::function<common::Result<void>()>;

  Scheduler() = default;
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Register before Start().
  void Every(std::string name, std::chrono::milliseconds period, Task task);
  void Start();
  void Stop();

 private:
  struct Entry {
    std::string name;
    std::chrono::milliseconds period;
    Task task;
    std::chrono::steady_clock::time_point next;
  };
  void Loop();

  std::vector<Entry> entries_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sealpost::jobs
