// The append-only audit log (PRODUCT §3, §8). Entries are written in the transaction of the
// change they record. Used only inside a UnitOfWork.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/audit_entry.hpp"

namespace sealpost::app {

struct AuditQuery {
  std::string account_id;                   // only entries about this account; empty for all
  std::string action_prefix;                // only actions starting with it ("member."); or all
  std::optional<common::TimePoint> before;  // newest first, strictly before this time
  std::size_t limit = 100;
};

// The end of the hash chain: the last position and its hash (domain::kAuditChainGenesis at 0).
struct AuditChainHead {
  std::int64_t seq = 0;
  std::string hash;
};

class AuditLogRepository {
 public:
  virtual ~AuditLogRepository() = default;
  // Chains the entry after the current head (seq, prev_hash and entry_hash of `entry` are
  // ignored and computed here). Appenders are serialised by the head, so the chain has no fork.
  virtual common::Result<void> Append(const domain::AuditEntry& entry) = 0;
  // Newest first.
  virtual common::Result<std::vector<domain::AuditEntry>> List(const AuditQuery& query) = 0;
  // The chained entries with seq > after_seq, in chain order, at most `limit`.
  virtual common::Result<std::vector<domain::AuditEntry>> ListChain(std::int64_t after_seq,
                                                                    std::size_t limit) = 0;
  virtual common::Result<AuditChainHead> ChainHead() = 0;
};

}  // namespace sealpost::app
