#include "merkle/tree_hash.hpp"

#include <bit>

#include "merkle/compact_range.hpp"

namespace sealpost::merkle {

Hash LeafHash(std::span<const std::uint8_t> data) {
  common::Sha256Hasher hasher;
  const std::uint8_t prefix = 0x00;
  hasher.Update(std::span<const std::uint8_t>(&prefix, 1));
  hasher.Update(data);
  return hasher.Finish();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  std::array<std::uint8_t, 1 + 2 * 32> buffer;
  buffer[0] = 0x01;
  std::copy(left.begin(), left.end(), buffer.begin() + 1);
  std::copy(right.begin(), right.end(), buffer.begin() + 1 + 32);
  return common::Sha256(buffer);
}

Hash EmptyRoot() { return common::Sha256(std::string_view()); }

Hash RootFromLeafHashes(std::span<const Hash> leaf_hashes) {
  // Appending to a compact range is the same computation as the recursive MTH definition, without
  // recursion and with only log2(n) hashes held at any time.
  CompactRange range;
  for (const Hash& leaf : leaf_hashes) range.Append(leaf);
  return range.Root();
}

std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace sealpost::merkle
