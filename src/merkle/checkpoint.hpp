// Checkpoint: a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) — the note text
// "<origin>\n<tree size>\n<base64 root>\n[extension lines\n]" that the log signs as a signed note.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "merkle/tree_hash.hpp"

namespace sealpost::merkle {

struct Checkpoint {
  std::string origin;  // unique name of the log, e.g. "sealpost.example/log"
  std::uint64_t size = 0;
  Hash root{};
  std::vector<std::string>
      extensions;  // opaque non-empty lines after the root; sealpost emits none

  bool operator==(const Checkpoint&) const = default;
};

// Fails if the origin or an extension line is empty or contains a newline or control character,
// which would frame a different checkpoint than the one described.
common::Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint);

// Parses note text (as returned by NoteVerifier::Verify). Strict: decimal size without sign or
// leading zeroes, canonical base64 of exactly 32 bytes, every line terminated by "\n", no empty
// lines.
common::Result<Checkpoint> ParseCheckpoint(std::string_view text);

}  // namespace sealpost::merkle
