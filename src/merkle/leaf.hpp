// LeafRecord: the fixed 59-byte binary record that sealpost appends to its Merkle log, one per
// evidence (REFERENCE §3; layout in docs/merkle-log.md). The log holds digests only, never personal
// data. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"

namespace sealpost::merkle {

inline constexpr std::uint8_t kLeafVersion = 0x01;
inline constexpr std::size_t kLeafSize = 1 + 16 + 32 + 2 + 8;

struct LeafRecord {
  std::string evidence_id;  // UUID, canonical text "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
  common::Sha256Digest evidence_sha256{};  // of the sealed evidence bytes exactly as stored
  std::uint16_t event_code = 0;            // sealpost's numeric code of the EN 319 522 event
  common::TimePoint event_time{};          // microseconds since the Unix epoch, UTC

  bool operator==(const LeafRecord&) const = default;
};

// version(1) || uuid(16) || sha256(32) || event code (u16 BE) || event time (i64 BE µs).
// Fails only if evidence_id is not a UUID in canonical text form (either case accepted).
common::Result<common::Bytes> EncodeLeaf(const LeafRecord& record);

// The inverse; evidence_id comes back in lower case. Rejects any length but kLeafSize and any
// version but kLeafVersion.
common::Result<LeafRecord> DecodeLeaf(std::span<const std::uint8_t> bytes);

}  // namespace sealpost::merkle
