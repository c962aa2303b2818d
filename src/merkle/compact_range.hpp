// CompactRange: the "frontier" of an append-only Merkle tree — the roots of the perfect subtrees
// that make up a tree of n leaves (one per set bit of n, largest first). Appending a leaf and
// computing the root are O(log n), so the log service never reloads all leaves to compute a new
// root. A value type; not synchronised: guard a shared instance externally.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/result.hpp"
#include "merkle/tree_hash.hpp"

namespace sealpost::merkle {

class CompactRange final {
 public:
  // The empty tree.
  CompactRange() = default;

  // Restores a range saved with Size() and Hashes(): `hashes` must hold exactly popcount(size)
  // subtree roots, largest subtree first.
  static common::Result<CompactRange> FromParts(std::uint64_t size, std::vector<Hash> hashes);

  // Adds the next leaf (its leaf hash, not its data). Amortised O(1), worst case O(log n).
  void Append(const Hash& leaf_hash);

  // The RFC 9162 root of the first Size() leaves. O(log n).
  Hash Root() const;

  std::uint64_t Size() const { return size_; }
  const std::vector<Hash>& Hashes() const { return hashes_; }

 private:
  CompactRange(std::uint64_t size, std::vector<Hash> hashes)
      : size_(size), hashes_(std::move(hashes)) {}

  std::uint64_t size_ = 0;
  std::vector<Hash> hashes_;  // perfect subtree roots, left (largest) to right (smallest)
};

}  // namespace sealpost::merkle
