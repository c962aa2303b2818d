// RFC 9162 §2.1.1 Merkle tree hashing: leaf and interior node hashes and the root of a list of
// leaves. Pure functions over SHA-256; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "common/sha256.hpp"

namespace sealpost::merkle {

using Hash = common::Sha256Digest;

// SHA-256(0x00 || data): the domain-separated hash of one log entry.
Hash LeafHash(std::span<const std::uint8_t> data);

// SHA-256(0x01 || left || right): an interior node.
Hash NodeHash(const Hash& left, const Hash& right);

// SHA-256(""): the root of the empty tree.
Hash EmptyRoot();

// The root of the tree whose leaves have these hashes (MTH in RFC 9162). O(n) time, O(log n) space.
Hash RootFromLeafHashes(std::span<const Hash> leaf_hashes);

// The largest power of two strictly smaller than n (n >= 2): where RFC 9162 splits a tree of n
// leaves.
std::uint64_t SplitPoint(std::uint64_t n);

}  // namespace sealpost::merkle
