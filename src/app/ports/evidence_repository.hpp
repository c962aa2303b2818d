// Persistence of sealed evidence and of the append-only Merkle log over it. Used inside a
// UnitOfWork. The log holds digests only: leaf i is the leaf hash of the i-th evidence's leaf
// record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"
#include "domain/evidence.hpp"

namespace sealpost::app {

class EvidenceRepository {
 public:
  virtual ~EvidenceRepository() = default;
  virtual common::Result<void> Insert(const domain::EvidenceRecord& record) = 0;
  virtual common::Result<std::optional<domain::EvidenceRecord>> FindById(const std::string& id) = 0;
  // In log order.
  virtual common::Result<std::vector<domain::EvidenceRecord>> ListByItem(
      const std::string& item_id) = 0;
};

struct StoredCheckpoint {
  std::int64_t size = 0;
  std::string root_hex;
  std::string signed_note;        // the C2SP signed note, verbatim
  common::Bytes timestamp_token;  // RFC 3161 token over SHA-256(signed_note)
  common::TimePoint created_at;
};

class LogRepository {
 public:
  virtual ~LogRepository() = default;
  virtual common::Result<std::int64_t> Size() = 0;
  // kConflict unless `index` == Size() (the log is append-only and gap-free).
  virtual common::Result<void> Append(std::int64_t index, const common::Sha256Digest& leaf_hash,
                                      const std::string& evidence_id) = 0;
  // Leaf hashes [begin, end).
  virtual common::Result<std::vector<common::Sha256Digest>> LeafHashes(std::int64_t begin,
                                                                       std::int64_t end) = 0;
  virtual common::Result<void> InsertCheckpoint(const StoredCheckpoint& checkpoint) = 0;
  virtual common::Result<std::optional<StoredCheckpoint>> LatestCheckpoint() = 0;
};

}  // namespace sealpost::app
