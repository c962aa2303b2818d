// EvidenceLog: the only way a state change is committed. It seals each evidence (in the calling
// thread, so sealing runs in parallel across request workers), then — serialised by one writer lock
// — runs the caller's state change, appends every sealed evidence to the Merkle log and commits,
// all in a single UnitOfWork: the state change and its evidence exist together or not at all, and
// the log stays append-only and gap-free. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
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

  EvidenceLog(Database& database, EvidenceSealer& sealer);

  // Seals `evidence`, then commits `apply` together with the sealed records (item_id given per
  // record). If `apply` fails nothing is committed and its error is returned.
  common::Result<std::vector<domain::EvidenceRecord>> Record(
      const std::vector<domain::Evidence>& evidence, const std::string& item_id,
      const Apply& apply);

  // Size and root of the committed log.
  common::Result<LogHead> Head();

 private:
  common::Result<void> LoadRangeLocked(UnitOfWork& uow);

  Database& database_;
  EvidenceSealer& sealer_;
  std::mutex writer_;
  std::optional<merkle::CompactRange> range_;  // mirror of the committed log; empty until first use
};

}  // namespace sealpost::app
