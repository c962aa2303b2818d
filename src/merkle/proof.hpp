// RFC 9162 §2.1.3–2.1.4 Merkle proofs: generation from the leaf hashes and verification against
// roots. Verification follows the transparency-dev/merkle reference (and agrees with its test
// vectors): roots are compared as opaque byte strings, a consistency proof from the empty tree is
// always rejected. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "merkle/tree_hash.hpp"

namespace sealpost::merkle {

// PATH(index, D[0:tree_size]): sibling hashes from the leaf's sibling up to the root's child.
// Requires index < tree_size <= leaf_hashes.size(). O(tree_size).
common::Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes,
                                                 std::uint64_t index, std::uint64_t tree_size);

// PROOF(size1, D[0:size2]). Requires 0 < size1 <= size2 <= leaf_hashes.size() (equal sizes give an
// empty proof). O(size2).
common::Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes,
                                                   std::uint64_t size1, std::uint64_t size2);

// The root implied by an inclusion proof, or why the proof's shape is wrong for (index, size).
common::Result<Hash> RootFromInclusionProof(std::uint64_t index, std::uint64_t size,
                                            std::span<const std::uint8_t> leaf_hash,
                                            std::span<const Hash> proof);

// Ok if `proof` shows that the leaf with hash `leaf_hash` is at `index` in the tree of `size`
// leaves whose root is `root`.
common::Result<void> VerifyInclusion(std::uint64_t index, std::uint64_t size,
                                     std::span<const std::uint8_t> leaf_hash,
                                     std::span<const Hash> proof,
                                     std::span<const std::uint8_t> root);

// Ok if `proof` shows that the tree of size2 leaves with root2 extends the tree of size1 leaves
// with root1.
common::Result<void> VerifyConsistency(std::uint64_t size1, std::uint64_t size2,
                                       std::span<const std::uint8_t> root1,
                                       std::span<const std::uint8_t> root2,
                                       std::span<const Hash> proof);

// The same, for proofs decoded from untrusted text: any element that is not a 32-byte hash is
// rejected.
common::Result<void> VerifyInclusion(std::uint64_t index, std::uint64_t size,
                                     std::span<const std::uint8_t> leaf_hash,
                                     std::span<const common::Bytes> proof,
                                     std::span<const std::uint8_t> root);
common::Result<void> VerifyConsistency(std::uint64_t size1, std::uint64_t size2,
                                       std::span<const std::uint8_t> root1,
                                       std::span<const std::uint8_t> root2,
                                       std::span<const common::Bytes> proof);

}  // namespace sealpost::merkle
