// FanOutWebhookEvents: the job that turns new evidence into webhook deliveries without touching
// the path that records evidence. The evidence log is gap-free and ordered (leaf indexes are
// assigned in commit order by the committer), so a durable cursor — the last leaf index fanned
// out — says exactly what is new. RunOnce reads the evidence after the cursor (with the sender
// account of its item), queues one delivery per active endpoint of that account, and moves the
// cursor, all in ONE transaction: a crash before the commit leaves nothing and the same evidence
// is fanned out on the next run; after it, nothing is fanned out twice. It stops at a gap in the
// indexes it sees (it never skips evidence). The event id is the evidence id, so receivers can
// de-duplicate. RunOnce must not run concurrently with itself (the cursor move would then fail
// with kConflict and that run would roll back, which is harmless). Thread-safe otherwise.
#pragma once

#include <cstddef>
#include <string>

#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct FanOutReport {
  std::size_t evidence = 0;    // evidence records passed
  std::size_t deliveries = 0;  // deliveries queued
};

class FanOutWebhookEvents {
 public:
  FanOutWebhookEvents(Database& database, const common::Clock& clock, common::Random& random,
                      std::string public_base_url, std::size_t batch_size = 500);
  common::Result<FanOutReport> RunOnce();

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
  const std::string public_base_url_;
  const std::size_t batch_size_;
};

}  // namespace sealpost::app
