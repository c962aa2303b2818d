#include "jobs/scheduler.hpp"

#include <algorithm>
#include <cstdio>

namespace sealpost::jobs {

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Every(std::string name, std::chrono::milliseconds period, Task task) {
  entries_.push_back(
      {std::move(name), period, std::move(task), std::chrono::steady_clock::now() + period});
}

void Scheduler::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || entries_.empty()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto next = std::min_element(entries_.begin(), entries_.end(),
                                 [](const Entry& a, const Entry& b) { return a.next < b.next; });
    if (wake_.wait_until(lock, next->next, [this] { return stopping_; })) break;
    if (std::chrono::steady_clock::now() < next->next) continue;
    lock.unlock();
    auto result = next->task();
    if (!result) {
      std::fprintf(stderr, "job %s failed: %s\n", next->name.c_str(),
                   result.error().ToString().c_str());
    }
    lock.lock();
    next->next = std::chrono::steady_clock::now() + next->period;
  }
}

}  // namespace sealpost::jobs
