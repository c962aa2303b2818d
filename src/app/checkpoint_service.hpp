// CheckpointService: signs the evidence log's state as a C2SP checkpoint (Ed25519 signed note) and
// time-stamps it, so that anyone can later prove that an evidence was in the log at that time and
// that the log only grew. Checkpoints are made periodically by a job and on demand for proof
// bundles. Two checkpoints of the same append-only log are always consistent. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "app/evidence_log.hpp"
#include "app/ports/database.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "merkle/signed_note.hpp"

namespace sealpost::app {

class CheckpointService {
 public:
  CheckpointService(Database& database, EvidenceLog& log, const merkle::NoteSigner& signer,
                    TimeStamper& time_stamper, const common::Clock& clock, std::string origin);

  // The latest checkpoint if it covers at least `min_size` leaves, else a new one over the whole
  // log.
  common::Result<StoredCheckpoint> Covering(std::int64_t min_size);
  // A new checkpoint when the log grew since the latest one (for the periodic job).
  common::Result<StoredCheckpoint> Refresh();
  const std::string& Origin() const { return origin_; }

 private:
  common::Result<StoredCheckpoint> MakeNew();

  Database& database_;
  EvidenceLog& log_;
  const merkle::NoteSigner& signer_;
  TimeStamper& time_stamper_;
  const common::Clock& clock_;
  std::string origin_;
  std::mutex making_;  // one checkpoint at a time: never two for the same size
};

}  // namespace sealpost::app
