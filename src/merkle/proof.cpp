#include "merkle/proof.hpp"

#include <algorithm>
#include <bit>
#include <string>

namespace sealpost::merkle {

namespace {

using common::ErrorCode;
using common::Fail;

// --- generation: the recursive definitions of RFC 9162 §2.1.3.1 and §2.1.4.1 ---

void AppendPath(std::span<const Hash> leaves, std::uint64_t index, std::vector<Hash>& out) {
  const std::uint64_t n = leaves.size();
  if (n <= 1) return;
  const std::uint64_t k = SplitPoint(n);
  if (index < k) {
    AppendPath(leaves.first(k), index, out);
    out.push_back(RootFromLeafHashes(leaves.subspan(k)));
  } else {
    AppendPath(leaves.subspan(k), index - k, out);
    out.push_back(RootFromLeafHashes(leaves.first(k)));
  }
}

// SUBPROOF(m, D[n], b): `whole_subtree_known` is b, true while the old tree is a prefix of `leaves`
// whose root the verifier already holds.
void AppendSubproof(std::span<const Hash> leaves, std::uint64_t m, bool whole_subtree_known,
                    std::vector<Hash>& out) {
  const std::uint64_t n = leaves.size();
  if (m == n) {
    if (!whole_subtree_known) out.push_back(RootFromLeafHashes(leaves));
    return;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    AppendSubproof(leaves.first(k), m, whole_subtree_known, out);
    out.push_back(RootFromLeafHashes(leaves.subspan(k)));
  } else {
    AppendSubproof(leaves.subspan(k), m - k, false, out);
    out.push_back(RootFromLeafHashes(leaves.first(k)));
  }
}

// --- verification: the iterative algorithm of RFC 9162 §2.1.3.2 / §2.1.4.2, in the decomposed form
// of the transparency-dev reference. A proof for (index, size) has `inner` hashes below the point
// where the leaf's path leaves the last perfect subtree's boundary, then `border` hashes of left
// siblings along the right border. ---

struct ProofShape {
  std::size_t inner;
  std::size_t border;
};

ProofShape DecomposeInclusionProof(std::uint64_t index, std::uint64_t size) {
  const auto inner = static_cast<std::size_t>(std::bit_width(index ^ (size - 1)));
  const auto border = static_cast<std::size_t>(std::popcount(index >> inner));
  return {inner, border};
}

// Hashes `seed` up through `proof`, the sibling on the side given by each bit of `index`.
Hash ChainInner(Hash seed, std::span<const Hash> proof, std::uint64_t index) {
  for (std::size_t i = 0; i < proof.size(); ++i) {
    seed = ((index >> i) & 1) == 0 ? NodeHash(seed, proof[i]) : NodeHash(proof[i], seed);
  }
  return seed;
}

// As ChainInner, but only the left siblings: rebuilds the old tree's root from the same path.
Hash ChainInnerRight(Hash seed, std::span<const Hash> proof, std::uint64_t index) {
  for (std::size_t i = 0; i < proof.size(); ++i) {
    if (((index >> i) & 1) == 1) seed = NodeHash(proof[i], seed);
  }
  return seed;
}

Hash ChainBorderRight(Hash seed, std::span<const Hash> proof) {
  for (const Hash& h : proof) seed = NodeHash(h, seed);
  return seed;
}

common::Result<void> RequireMatch(std::span<const std::uint8_t> computed,
                                  std::span<const std::uint8_t> expected, const char* what) {
  if (!std::ranges::equal(computed, expected)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " mismatch: computed " +
                                                 common::HexEncode(computed) + ", expected " +
                                                 common::HexEncode(expected));
  }
  return common::Ok();
}

common::Result<std::vector<Hash>> ToHashes(std::span<const common::Bytes> proof) {
  std::vector<Hash> hashes;
  hashes.reserve(proof.size());
  for (std::size_t i = 0; i < proof.size(); ++i) {
    if (proof[i].size() != Hash().size()) {
      return Fail(ErrorCode::kInvalidArgument, "proof element " + std::to_string(i) + " has " +
                                                   std::to_string(proof[i].size()) +
                                                   " bytes, want 32");
    }
    Hash h;
    std::ranges::copy(proof[i], h.begin());
    hashes.push_back(h);
  }
  return hashes;
}

std::string WrongProofSize(std::size_t got, std::size_t want) {
  return "wrong proof size " + std::to_string(got) + ", want " + std::to_string(want);
}

}  // namespace

common::Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes,
                                                 std::uint64_t index, std::uint64_t tree_size) {
  if (tree_size > leaf_hashes.size()) {
    return Fail(ErrorCode::kInvalidArgument, "tree size " + std::to_string(tree_size) +
                                                 " exceeds the " +
                                                 std::to_string(leaf_hashes.size()) + " leaves");
  }
  if (index >= tree_size) {
    return Fail(
        ErrorCode::kInvalidArgument,
        "index " + std::to_string(index) + " is beyond tree size " + std::to_string(tree_size));
  }
  std::vector<Hash> proof;
  AppendPath(leaf_hashes.first(tree_size), index, proof);
  return proof;
}

common::Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes,
                                                   std::uint64_t size1, std::uint64_t size2) {
  if (size2 > leaf_hashes.size()) {
    return Fail(ErrorCode::kInvalidArgument, "size2 " + std::to_string(size2) + " exceeds the " +
                                                 std::to_string(leaf_hashes.size()) + " leaves");
  }
  if (size1 > size2) {
    return Fail(ErrorCode::kInvalidArgument, "size1 " + std::to_string(size1) +
                                                 " is greater than size2 " + std::to_string(size2));
  }
  if (size1 == 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "a consistency proof from the empty tree is meaningless");
  }
  std::vector<Hash> proof;
  if (size1 < size2) AppendSubproof(leaf_hashes.first(size2), size1, true, proof);
  return proof;
}

common::Result<Hash> RootFromInclusionProof(std::uint64_t index, std::uint64_t size,
                                            std::span<const std::uint8_t> leaf_hash,
                                            std::span<const Hash> proof) {
  if (index >= size) {
    return Fail(ErrorCode::kInvalidArgument,
                "index " + std::to_string(index) + " is beyond tree size " + std::to_string(size));
  }
  Hash seed;
  if (leaf_hash.size() != seed.size()) {
    return Fail(ErrorCode::kInvalidArgument,
                "leaf hash has " + std::to_string(leaf_hash.size()) + " bytes, want 32");
  }
  std::ranges::copy(leaf_hash, seed.begin());
  const ProofShape shape = DecomposeInclusionProof(index, size);
  if (proof.size() != shape.inner + shape.border) {
    return Fail(ErrorCode::kInvalidArgument,
                WrongProofSize(proof.size(), shape.inner + shape.border));
  }
  const Hash inner = ChainInner(seed, proof.first(shape.inner), index);
  return ChainBorderRight(inner, proof.subspan(shape.inner));
}

common::Result<void> VerifyInclusion(std::uint64_t index, std::uint64_t size,
                                     std::span<const std::uint8_t> leaf_hash,
                                     std::span<const Hash> proof,
                                     std::span<const std::uint8_t> root) {
  auto computed = RootFromInclusionProof(index, size, leaf_hash, proof);
  if (!computed) return Fail(std::move(computed.error()));
  return RequireMatch(*computed, root, "inclusion proof root");
}

common::Result<void> VerifyConsistency(std::uint64_t size1, std::uint64_t size2,
                                       std::span<const std::uint8_t> root1,
                                       std::span<const std::uint8_t> root2,
                                       std::span<const Hash> proof) {
  if (size2 < size1) {
    return Fail(ErrorCode::kInvalidArgument, "size2 " + std::to_string(size2) +
                                                 " is smaller than size1 " + std::to_string(size1));
  }
  // Checked before the equal-sizes case, as the reference does: nothing can be proven about the
  // empty tree, so a proof from size 0 is a caller error rather than a trivial success.
  if (size1 == 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "a consistency proof from the empty tree is meaningless");
  }
  if (size1 == size2) {
    if (!proof.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "sizes are equal but the proof is not empty");
    }
    return RequireMatch(root1, root2, "equal-size roots");
  }
  if (proof.empty()) return Fail(ErrorCode::kInvalidArgument, "empty consistency proof");

  // The old tree's last leaf (size1 - 1) has an inclusion path in the new tree; the levels below
  // size1's lowest set bit lie inside a perfect subtree shared by both trees, whose root is either
  // root1 itself (size1 a power of two) or the proof's first hash.
  ProofShape shape = DecomposeInclusionProof(size1 - 1, size2);
  const auto shift = static_cast<std::size_t>(std::countr_zero(size1));
  shape.inner -= shift;

  Hash seed;
  std::size_t start = 0;
  if (size1 == (std::uint64_t{1} << shift)) {
    if (root1.size() != seed.size()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "root1 has " + std::to_string(root1.size()) + " bytes, want 32");
    }
    std::ranges::copy(root1, seed.begin());
  } else {
    seed = proof[0];
    start = 1;
  }
  if (proof.size() != start + shape.inner + shape.border) {
    return Fail(ErrorCode::kInvalidArgument,
                WrongProofSize(proof.size(), start + shape.inner + shape.border));
  }
  const std::span<const Hash> path = proof.subspan(start);
  const std::uint64_t mask = (size1 - 1) >> shift;

  const Hash hash1 = ChainBorderRight(ChainInnerRight(seed, path.first(shape.inner), mask),
                                      path.subspan(shape.inner));
  if (auto ok = RequireMatch(hash1, root1, "consistency proof root1"); !ok) return ok;
  const Hash hash2 =
      ChainBorderRight(ChainInner(seed, path.first(shape.inner), mask), path.subspan(shape.inner));
  return RequireMatch(hash2, root2, "consistency proof root2");
}

common::Result<void> VerifyInclusion(std::uint64_t index, std::uint64_t size,
                                     std::span<const std::uint8_t> leaf_hash,
                                     std::span<const common::Bytes> proof,
                                     std::span<const std::uint8_t> root) {
  auto hashes = ToHashes(proof);
  if (!hashes) return Fail(std::move(hashes.error()));
  return VerifyInclusion(index, size, leaf_hash, std::span<const Hash>(*hashes), root);
}

common::Result<void> VerifyConsistency(std::uint64_t size1, std::uint64_t size2,
                                       std::span<const std::uint8_t> root1,
                                       std::span<const std::uint8_t> root2,
                                       std::span<const common::Bytes> proof) {
  auto hashes = ToHashes(proof);
  if (!hashes) return Fail(std::move(hashes.error()));
  return VerifyConsistency(size1, size2, root1, root2, std::span<const Hash>(*hashes));
}

}  // namespace sealpost::merkle
