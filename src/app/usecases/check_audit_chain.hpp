// CheckAuditChain: walks the hash-chained audit log from its first entry and recomputes every hash
// (PRODUCT §8), so an operator — or an auditor with a copy of the database — can tell whether any
// entry was changed, removed, inserted or reordered after it was written. Reads in pages (bounded
// memory). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/ports/database.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct AuditChainReport {
  std::int64_t entries = 0;  // chained entries checked
  bool intact = true;
  std::int64_t first_broken_seq = 0;  // 0 when intact
  std::string problem;                // what is wrong there, for people
};

class CheckAuditChain {
 public:
  explicit CheckAuditChain(Database& database, std::size_t page = 1000)
      : database_(database), page_(page) {}

  // An error only when the log cannot be read; a broken chain is a report.
  common::Result<AuditChainReport> Run();

 private:
  Database& database_;
  std::size_t page_;
};

}  // namespace sealpost::app
