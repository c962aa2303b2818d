// One line of the audit log (PRODUCT §3, §8): who did what to which account, when. Written in the
// same transaction as the change it describes, never updated or deleted. Details are a small JSON
// object of non-secret facts (role names, a key's label and prefix — never a secret or a token).
// Plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace sealpost::domain {

struct AuditEntry {
  std::string id;  // UUID
  common::TimePoint at;
  std::string actor_account_id;  // the person (or account) acting; empty for the command line
  std::string actor;             // how: "session:<provider>", "api-key:<prefix>", "command-line"
  std::string account_id;        // the account the action concerns
  std::string action;            // dotted name, e.g. "member.invited", "api_key.revoked"
  std::string details_json;      // "{}" when there is nothing to add
  // The hash chain (set by the log when the entry is appended): its position, the hash of the
  // entry before it (kAuditChainGenesis for the first), and its own hash over both and the fields.
  std::int64_t seq = 0;
  std::string prev_hash;
  std::string entry_hash;
};

// The prev_hash of the first entry of the chain: 64 zeros.
inline constexpr std::string_view kAuditChainGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The entry's hash (hex SHA-256) over its position, the previous hash and every field, each
// length-prefixed so that no two different entries serialise alike. Changing, removing or
// reordering an entry breaks the chain from there on (PRODUCT §8: a hash-chained audit log).
std::string AuditEntryHash(const AuditEntry& entry, std::int64_t seq, std::string_view prev_hash);

}  // namespace sealpost::domain
