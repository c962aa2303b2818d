#include "merkle/compact_range.hpp"

#include <bit>
#include <string>

namespace sealpost::merkle {

common::Result<CompactRange> CompactRange::FromParts(std::uint64_t size, std::vector<Hash> hashes) {
  if (static_cast<std::size_t>(std::popcount(size)) != hashes.size()) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "compact range of size " + std::to_string(size) + " needs " +
                            std::to_string(std::popcount(size)) + " hashes, got " +
                            std::to_string(hashes.size()));
  }
  return CompactRange(size, std::move(hashes));
}

void CompactRange::Append(const Hash& leaf_hash) {
  hashes_.push_back(leaf_hash);
  // Each trailing one bit of the old size is a perfect subtree of the same height as the one just
  // completed: merge them, as binary addition carries.
  for (std::uint64_t carry = size_; (carry & 1) != 0; carry >>= 1) {
    Hash right = hashes_.back();
    hashes_.pop_back();
    hashes_.back() = NodeHash(hashes_.back(), right);
  }
  ++size_;
}

Hash CompactRange::Root() const {
  if (hashes_.empty()) return EmptyRoot();
  // RFC 9162 splits at the largest power of two, so the tree is the left-to-right list of perfect
  // subtrees folded from the right.
  Hash root = hashes_.back();
  for (auto it = hashes_.rbegin() + 1; it != hashes_.rend(); ++it) root = NodeHash(*it, root);
  return root;
}

}  // namespace sealpost::merkle
