// TlogProof: the C2SP tlog-proof text (https://c2sp.org/tlog-proof) handed to users as a
// self-contained, offline-verifiable proof that a leaf is in the log:
//   c2sp.org/tlog-proof@v1
//   [extra <base64 opaque data>]
//   index <decimal>
//   <base64 inclusion proof hash>      (zero or more, leaf's sibling first)
//   <empty line>
//   <signed checkpoint note, verbatim>
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "merkle/checkpoint.hpp"
#include "merkle/signed_note.hpp"
#include "merkle/tree_hash.hpp"

namespace sealpost::merkle {

inline constexpr std::string_view kTlogProofHeader = "c2sp.org/tlog-proof@v1";

struct TlogProof {
  std::optional<common::Bytes> extra;  // unauthenticated, application-defined
  std::uint64_t index = 0;
  std::vector<Hash> inclusion_proof;
  std::string checkpoint_note;  // the signed checkpoint, byte for byte as the log issued it

  bool operator==(const TlogProof&) const = default;
};

// Fails if the checkpoint note is empty or does not end in a newline.
common::Result<std::string> FormatTlogProof(const TlogProof& proof);

// Parses the text form; checks syntax only (see VerifyTlogProof for the cryptography).
common::Result<TlogProof> ParseTlogProof(std::string_view text);

// Full offline verification of a proof for the leaf with hash `leaf_hash`: the checkpoint is signed
// by `log_key`, has origin `origin`, and the inclusion proof leads from the leaf to its root.
// Returns the checkpoint on success.
common::Result<Checkpoint> VerifyTlogProof(const TlogProof& proof, const NoteVerifier& log_key,
                                           std::string_view origin, const Hash& leaf_hash);

}  // namespace sealpost::merkle
