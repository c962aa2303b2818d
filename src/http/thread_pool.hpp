// ThreadPool: a fixed set of worker threads running posted tasks in FIFO order, with a bounded
// queue so that overload turns into a quick 503 instead of unbounded memory and latency.
// The HTTP server uses it to keep handlers (database, signing, PDF) off the I/O threads.
//
// Thread-safety: TryPost() may be called from any thread; Stop() from one thread (also called by
// the destructor). Tasks must not throw (the server wraps handlers in its own try/catch); a task
// that throws anyway terminates the process, as a bug should.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sealpost::http {

class ThreadPool {
 public:
  ThreadPool(std::size_t threads, std::size_t max_queued);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues a task; false when the queue is full or the pool is stopping.
  [[nodiscard]] bool TryPost(std::function<void()> task);

  // Refuses new tasks, runs every task already queued, then joins the threads. Idempotent.
  void Stop();

 private:
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t max_queued_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sealpost::http
