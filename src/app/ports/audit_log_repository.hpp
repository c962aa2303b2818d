// The append-only audit log (PRODUCT §3, §8). Entries are written in the transaction of the
// change they record. Used only inside a UnitOfWork.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/audit_entry.hpp"

namespace sealpost::app {

struct AuditQuery {
  std::string account_id;                   // only entries about this account; empty for all
  std::optional<common::TimePoint> before;  // newest first, strictly before this time
  std::size_t limit = 100;
};

class AuditLogRepository {
 public:
  virtual ~AuditLogRepository() = default;
  virtual common::Result<void> Append(const domain::AuditEntry& entry) = 0;
  // Newest first.
  virtual common::Result<std::vector<domain::AuditEntry>> List(const AuditQuery& query) = 0;
};

}  // namespace sealpost::app
