#include "merkle/tree_hash.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "merkle/compact_range.hpp"
#include "merkle/proof.hpp"

namespace sealpost::merkle {
namespace {

// Leaf hashes of the leaves "0", "1", ... so that trees are easy to reproduce.
std::vector<Hash> MakeLeaves(std::size_t n) {
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < n; ++i)
    leaves.push_back(LeafHash(common::ToBytes(std::to_string(i))));
  return leaves;
}

// The recursive MTH definition of RFC 9162 §2.1.1, written independently of the library's fold.
Hash ReferenceRoot(std::span<const Hash> leaves) {
  if (leaves.empty()) return common::Sha256(std::string_view());
  if (leaves.size() == 1) return leaves[0];
  std::size_t k = 1;
  while (k * 2 < leaves.size()) k *= 2;
  return NodeHash(ReferenceRoot(leaves.first(k)), ReferenceRoot(leaves.subspan(k)));
}

std::string Hex(const Hash& h) { return common::HexEncode(h); }

TEST(TreeHashTest, KnownAnswers) {
  // RFC 6962 / transparency-dev: the empty root and the leaf hash of the empty string.
  EXPECT_EQ(Hex(EmptyRoot()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(LeafHash({})), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  // The reference's 8-leaf test tree (leaves 0x, 00, 10, 2021, 3031, 40414243, 5051..57, 6061..6f)
  // has this root (transparency-dev/merkle testonly).
  const std::vector<std::string> hex_leaves = {"",
                                               "00",
                                               "10",
                                               "2021",
                                               "3031",
                                               "40414243",
                                               "5051525354555657",
                                               "606162636465666768696a6b6c6d6e6f"};
  std::vector<Hash> leaves;
  for (const auto& hex : hex_leaves) leaves.push_back(LeafHash(*common::HexDecode(hex)));
  EXPECT_EQ(Hex(RootFromLeafHashes(leaves)),
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
}

TEST(TreeHashTest, NodeHashIsOrderSensitiveAndDomainSeparated) {
  const Hash a = LeafHash(common::ToBytes("a"));
  const Hash b = LeafHash(common::ToBytes("b"));
  EXPECT_NE(NodeHash(a, b), NodeHash(b, a));
  common::Bytes concatenated(a.begin(), a.end());
  concatenated.insert(concatenated.end(), b.begin(), b.end());
  EXPECT_NE(NodeHash(a, b), LeafHash(concatenated));
}

TEST(TreeHashTest, RootMatchesRecursiveDefinition) {
  const auto leaves = MakeLeaves(70);
  for (std::size_t n = 0; n <= leaves.size(); ++n) {
    EXPECT_EQ(RootFromLeafHashes(std::span(leaves).first(n)),
              ReferenceRoot(std::span(leaves).first(n)))
        << "n=" << n;
  }
}

TEST(CompactRangeTest, RootAfterEveryAppendMatchesFullRecomputation) {
  const auto leaves = MakeLeaves(300);
  CompactRange range;
  EXPECT_EQ(range.Root(), EmptyRoot());
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    range.Append(leaves[n - 1]);
    ASSERT_EQ(range.Size(), n);
    ASSERT_EQ(range.Hashes().size(), static_cast<std::size_t>(std::popcount(n))) << "n=" << n;
    ASSERT_EQ(range.Root(), ReferenceRoot(std::span(leaves).first(n))) << "n=" << n;
  }
}

TEST(CompactRangeTest, RestoresFromSavedParts) {
  const auto leaves = MakeLeaves(45);
  CompactRange range;
  for (std::size_t i = 0; i < 37; ++i) range.Append(leaves[i]);
  auto restored = CompactRange::FromParts(range.Size(), range.Hashes());
  ASSERT_TRUE(restored.has_value());
  for (std::size_t i = 37; i < leaves.size(); ++i) restored->Append(leaves[i]);
  EXPECT_EQ(restored->Root(), RootFromLeafHashes(leaves));

  auto too_few = CompactRange::FromParts(37, {leaves[0]});
  ASSERT_FALSE(too_few.has_value());
  EXPECT_EQ(too_few.error().code, common::ErrorCode::kInvalidArgument);
}

TEST(ProofRoundTripTest, EveryInclusionProofUpTo70LeavesVerifies) {
  const auto all = MakeLeaves(70);
  for (std::uint64_t size = 1; size <= all.size(); ++size) {
    const auto leaves = std::span(all).first(size);
    const Hash root = RootFromLeafHashes(leaves);
    for (std::uint64_t index = 0; index < size; ++index) {
      auto proof = InclusionProof(leaves, index, size);
      ASSERT_TRUE(proof.has_value());
      auto ok = VerifyInclusion(index, size, leaves[index], *proof, root);
      ASSERT_TRUE(ok.has_value()) << "size=" << size << " index=" << index << ": "
                                  << ok.error().message;
      // Any flipped bit in any proof element, or the wrong leaf or index, must fail.
      for (std::size_t i = 0; i < proof->size(); ++i) {
        auto tampered = *proof;
        tampered[i][(index + i) % 32] ^= 0x01;
        EXPECT_FALSE(VerifyInclusion(index, size, leaves[index], tampered, root).has_value());
      }
      if (size > 1) {
        const std::uint64_t other = (index + 1) % size;
        EXPECT_FALSE(VerifyInclusion(other, size, leaves[index], *proof, root).has_value());
        EXPECT_FALSE(VerifyInclusion(index, size, leaves[other], *proof, root).has_value());
      }
      Hash bad_root = root;
      bad_root[31] ^= 0x80;
      EXPECT_FALSE(VerifyInclusion(index, size, leaves[index], *proof, bad_root).has_value());
    }
  }
}

TEST(ProofRoundTripTest, InclusionProofAgainstAnEarlierTreeSize) {
  const auto leaves = MakeLeaves(20);
  auto proof = InclusionProof(leaves, 3, 11);
  ASSERT_TRUE(proof.has_value());
  EXPECT_TRUE(
      VerifyInclusion(3, 11, leaves[3], *proof, RootFromLeafHashes(std::span(leaves).first(11)))
          .has_value());
}

TEST(ProofRoundTripTest, ConsistencyProofsUpTo70LeavesVerify) {
  const auto all = MakeLeaves(70);
  std::vector<Hash> roots;
  for (std::size_t n = 0; n <= all.size(); ++n)
    roots.push_back(RootFromLeafHashes(std::span(all).first(n)));
  for (std::uint64_t size2 = 1; size2 <= all.size(); ++size2) {
    for (std::uint64_t size1 = 1; size1 <= size2; ++size1) {
      auto proof = ConsistencyProof(all, size1, size2);
      ASSERT_TRUE(proof.has_value());
      auto ok = VerifyConsistency(size1, size2, roots[size1], roots[size2], *proof);
      ASSERT_TRUE(ok.has_value()) << size1 << "->" << size2 << ": " << ok.error().message;
      for (std::size_t i = 0; i < proof->size(); ++i) {
        auto tampered = *proof;
        tampered[i][i % 32] ^= 0x04;
        EXPECT_FALSE(
            VerifyConsistency(size1, size2, roots[size1], roots[size2], tampered).has_value())
            << size1 << "->" << size2 << " element " << i;
      }
      if (size1 < size2) {
        EXPECT_FALSE(
            VerifyConsistency(size1, size2, roots[size1 + 1], roots[size2], *proof).has_value());
        EXPECT_FALSE(
            VerifyConsistency(size1, size2, roots[size1], roots[size2 - 1], *proof).has_value());
      }
    }
  }
}

TEST(ProofRoundTripTest, GenerationRejectsImpossibleRequests) {
  const auto leaves = MakeLeaves(8);
  EXPECT_FALSE(InclusionProof(leaves, 8, 8).has_value());
  EXPECT_FALSE(InclusionProof(leaves, 0, 9).has_value());
  EXPECT_FALSE(ConsistencyProof(leaves, 0, 5).has_value());
  EXPECT_FALSE(ConsistencyProof(leaves, 6, 5).has_value());
  EXPECT_FALSE(ConsistencyProof(leaves, 2, 9).has_value());
  auto same = ConsistencyProof(leaves, 5, 5);
  ASSERT_TRUE(same.has_value());
  EXPECT_TRUE(same->empty());
}

TEST(ProofRoundTripTest, RfcExampleProofLengths) {
  // RFC 9162 §2.1.5: in the 7-leaf example, the consistency proof 3->7 has 4 hashes (c, d, g, l),
  // 4->7 one (l), and 6->7 three (i, j, k); the inclusion proof for d0 has 3.
  const auto leaves = MakeLeaves(7);
  EXPECT_EQ(ConsistencyProof(leaves, 3, 7)->size(), 4u);
  EXPECT_EQ(ConsistencyProof(leaves, 4, 7)->size(), 1u);
  EXPECT_EQ(ConsistencyProof(leaves, 6, 7)->size(), 3u);
  EXPECT_EQ(InclusionProof(leaves, 0, 7)->size(), 3u);
  EXPECT_EQ((*ConsistencyProof(leaves, 4, 7))[0], RootFromLeafHashes(std::span(leaves).subspan(4)));
}

}  // namespace
}  // namespace sealpost::merkle
