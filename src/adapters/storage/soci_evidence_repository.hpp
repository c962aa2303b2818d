// EvidenceRepository on a SOCI session (SQLite or PostgreSQL). The sealed XML is stored as TEXT
// exactly as the sealer produced it. Lives inside one SociUnitOfWork and shares its transaction:
// not thread-safe.
#pragma once

#include "app/ports/evidence_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociEvidenceRepository final : public app::EvidenceRepository {
 public:
  explicit SociEvidenceRepository(soci::session& session) : session_(session) {}

  // kConflict on a duplicate id or a leaf_index (>= 0) used by another evidence.
  common::Result<void> Insert(const domain::EvidenceRecord& record) override;
  common::Result<std::optional<domain::EvidenceRecord>> FindById(const std::string& id) override;
  // By leaf_index (records not in the log yet, leaf_index -1, come first), then id.
  common::Result<std::vector<domain::EvidenceRecord>> ListByItem(
      const std::string& item_id) override;

 private:
  common::Result<std::vector<domain::EvidenceRecord>> Select(const std::string& where_order,
                                                             const std::string& value,
                                                             const std::string& context);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
