#include "adapters/storage/soci_connection_pool.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"

namespace sealpost::adapters::storage {

SociConnectionPool::SociConnectionPool(Factory factory, std::size_t max_size,
                                       std::chrono::milliseconds acquire_timeout)
    : factory_(std::move(factory)),
      max_size_(max_size == 0 ? 1 : max_size),
      acquire_timeout_(acquire_timeout) {}

SociConnectionPool::~SociConnectionPool() = default;

common::Result<std::unique_ptr<soci::session>> SociConnectionPool::Acquire() {
  {
    std::unique_lock lock(mutex_);
    const bool ready = released_.wait_for(lock, acquire_timeout_,
                                          [this] { return !idle_.empty() || open_ < max_size_; });
    if (!ready) {
      return common::Fail(common::ErrorCode::kUnavailable,
                          "database: all pooled connections are busy");
    }
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return session;
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  try {
    return factory_();
  } catch (const std::exception& error) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    released_.notify_one();
    common::Error converted = SociError(error, "database: connect");
    // Whatever the backend says, failing to connect is a dependency being down, not a bug.
    converted.code = common::ErrorCode::kUnavailable;
    return common::Fail(std::move(converted));
  }
}

void SociConnectionPool::Release(std::unique_ptr<soci::session> session, bool reusable) {
  {
    std::lock_guard lock(mutex_);
    if (reusable && session) {
      idle_.push_back(std::move(session));
    } else {
      --open_;
    }
  }
  released_.notify_one();
  // A discarded session (if any) closes here, outside the lock.
}

}  // namespace sealpost::adapters::storage
