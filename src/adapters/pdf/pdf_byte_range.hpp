// The byte range of a PDF signature: /ByteRange [0 a b c] says that the signature covers bytes
// [0, a) and [b, b + c) of the file, and that the gap [a, b) holds the /Contents hex string
// "<...>" with the CMS signature itself. Shared by the sealer (which fills the gap) and the
// inspector (which checks it). Pure functions over the file bytes; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::pdf {

struct ByteRange {
  std::size_t first_length = 0;   // a: the first range is [0, a)
  std::size_t second_offset = 0;  // b
  std::size_t second_length = 0;  // c
  std::size_t end() const { return second_offset + second_length; }
  std::size_t gap_size() const { return second_offset - first_length; }
};

// The four numbers as written in the file, checked for shape: starts at 0, a < b, and the second
// range ends inside the file. kInvalidArgument otherwise.
common::Result<ByteRange> MakeByteRange(long long offset1, long long length1, long long offset2,
                                        long long length2, std::size_t file_size);

// Parses "[o1 l1 o2 l2]" starting at `pos` (an array as PDF writers put it after /ByteRange).
common::Result<ByteRange> ParseByteRangeArray(std::string_view pdf, std::size_t pos);

// The gap's content when it is exactly "<" hex digits ">" and is the value of a /Contents key;
// the hex decoded (trailing zero padding included). kInvalidArgument otherwise.
common::Result<common::Bytes> ContentsInGap(std::string_view pdf, const ByteRange& range);

// SHA-256 over the two covered ranges.
common::Sha256Digest DigestByteRange(std::string_view pdf, const ByteRange& range);

// The covered bytes, concatenated (what the CMS signature's content is).
std::string CoveredBytes(std::string_view pdf, const ByteRange& range);

}  // namespace sealpost::adapters::pdf
