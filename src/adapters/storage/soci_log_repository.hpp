// LogRepository on a SOCI session (SQLite or PostgreSQL): the append-only Merkle log's leaves (hex
// leaf hashes) and its signed checkpoints. Lives inside one SociUnitOfWork: not thread-safe. Two
// concurrent appenders of the same index cannot both commit: the second hits the primary key
// (kConflict).
#pragma once

#include "app/ports/evidence_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociLogRepository final : public app::LogRepository {
 public:
  explicit SociLogRepository(soci::session& session) : session_(session) {}

  common::Result<std::int64_t> Size() override;
  // kConflict unless index == Size(), or when the evidence has a leaf already. The evidence must
  // exist by Commit() (the foreign key is deferred), not necessarily when appending.
  common::Result<void> Append(std::int64_t index, const common::Sha256Digest& leaf_hash,
                              const std::string& evidence_id) override;
  // kInvalidArgument unless 0 <= begin <= end <= Size().
  common::Result<std::vector<common::Sha256Digest>> LeafHashes(std::int64_t begin,
                                                               std::int64_t end) override;
  // kConflict when a checkpoint of that size exists already.
  common::Result<void> InsertCheckpoint(const app::StoredCheckpoint& checkpoint) override;
  // The checkpoint of the largest size.
  common::Result<std::optional<app::StoredCheckpoint>> LatestCheckpoint() override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
