// A bounded pool of open SOCI sessions to one database. Sessions are opened lazily up to
// `max_size`; Acquire() waits (bounded) for a free one when all are in use. A session that failed
// in a way that may have broken it is released as not reusable and closed, and a fresh one is
// opened on demand, so a database restart costs one failed UnitOfWork per pooled connection at
// most. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/result.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociConnectionPool {
 public:
  // Opens and configures a new session; throws (SOCI exceptions) on failure.
  using Factory = std::function<std::unique_ptr<soci::session>()>;

  SociConnectionPool(Factory factory, std::size_t max_size,
                     std::chrono::milliseconds acquire_timeout);
  ~SociConnectionPool();
  SociConnectionPool(const SociConnectionPool&) = delete;
  SociConnectionPool& operator=(const SociConnectionPool&) = delete;

  // kUnavailable when no session frees up within the timeout or a new one cannot be opened.
  common::Result<std::unique_ptr<soci::session>> Acquire();
  void Release(std::unique_ptr<soci::session> session, bool reusable);

 private:
  const Factory factory_;
  const std::size_t max_size_;
  const std::chrono::milliseconds acquire_timeout_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<soci::session>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                              // idle + in use; guarded by mutex_
};

}  // namespace sealpost::adapters::storage
