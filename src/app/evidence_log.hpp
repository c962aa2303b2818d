// EvidenceLog: the only way a state change is committed. It seals each evidence in the calling
// thread (so sealing runs in parallel across request workers), then hands the sealed records and
// the caller's state change to one committer thread. The committer groups everything queued into
// one transaction (group commit): each change runs isolated in a savepoint, its evidence is
// appended to the Merkle log, then one durable commit serves the whole group. A change and its
// evidence exist together or not at all; the log stays append-only and gap-free in commit order.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/ports/database.hpp"
#include "app/ports/evidence_sealer.hpp"
#include "common/result.hpp"
#include "domain/evidence.hpp"
#include "merkle/compact_range.hpp"

namespace sealpost::app {

struct LogHead {
  std::int64_t size = 0;
  merkle::Hash root{};
};

class EvidenceLog {
 public:
  using Apply = std::function<common::Result<void>(UnitOfWork&)>;
  // Runs before each group's commit, e.g. to make staged blobs durable before rows refer to them.
  using BeforeCommit = std::function<common::Result<void>()>;

  EvidenceLog(Database& database, EvidenceSealer& sealer, BeforeCommit before_commit = {},
              std::size_t max_group = 256);
  ~EvidenceLog();
  EvidenceLog(const EvidenceLog&) = delete;
  EvidenceLog& operator=(const EvidenceLog&) = delete;

  // Seals `evidence`, then commits `apply` together with the sealed records (all for `item_id`).
  // Returns once durable. If `apply` fails nothing of it is committed and its error is returned.
  common::Result<std::vector<domain::EvidenceRecord>> Record(
      const std::vector<domain::Evidence>& evidence, const std::string& item_id,
      const Apply& apply);

  // Size and root of the committed log.
  common::Result<LogHead> Head();

 private:
  struct Pending {
    std::vector<domain::EvidenceRecord> records;
    const Apply* apply = nullptr;
    std::optional<common::Result<void>> outcome;  // set by the committer
  };

  void CommitLoop();
  void CommitGroup(std::vector<Pending*>& group);
  // The committed log as a compact range, loaded from the database when unknown.
  common::Result<merkle::CompactRange> CommittedRange();

  Database& database_;
  EvidenceSealer& sealer_;
  BeforeCommit before_commit_;
  const std::size_t max_group_;

  std::mutex queue_mutex_;
  std::condition_variable queued_;  // the committer waits for work
  std::condition_variable done_;    // callers wait for their outcome
  std::deque<Pending*> queue_;
  bool stopping_ = false;

  std::mutex range_mutex_;
  std::optional<merkle::CompactRange> range_;  // mirror of the committed log; empty until first use

  std::thread committer_;  // last: started after everything above exists
};

}  // namespace sealpost::app
