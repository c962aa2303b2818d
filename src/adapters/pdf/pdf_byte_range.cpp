#include "adapters/pdf/pdf_byte_range.hpp"

#include <cctype>
#include <charconv>
#include <string>

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;

bool IsPdfWhitespace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

common::Result<ByteRange> MakeByteRange(long long offset1, long long length1, long long offset2,
                                        long long length2, std::size_t file_size) {
  if (offset1 != 0 || length1 <= 0 || offset2 <= length1 || length2 < 0 ||
      static_cast<unsigned long long>(offset2) + static_cast<unsigned long long>(length2) >
          file_size) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the /ByteRange does not describe two ranges of this file around a gap");
  }
  return ByteRange{static_cast<std::size_t>(length1), static_cast<std::size_t>(offset2),
                   static_cast<std::size_t>(length2)};
}

common::Result<ByteRange> ParseByteRangeArray(std::string_view pdf, std::size_t pos) {
  while (pos < pdf.size() && IsPdfWhitespace(pdf[pos])) ++pos;
  if (pos >= pdf.size() || pdf[pos] != '[') {
    return common::Fail(ErrorCode::kInvalidArgument, "no /ByteRange array");
  }
  ++pos;
  long long numbers[4];
  for (long long& number : numbers) {
    while (pos < pdf.size() && IsPdfWhitespace(pdf[pos])) ++pos;
    const char* begin = pdf.data() + pos;
    const auto [end, error] = std::from_chars(begin, pdf.data() + pdf.size(), number);
    if (error != std::errc() || end == begin) {
      return common::Fail(ErrorCode::kInvalidArgument, "malformed /ByteRange array");
    }
    pos += static_cast<std::size_t>(end - begin);
  }
  while (pos < pdf.size() && IsPdfWhitespace(pdf[pos])) ++pos;
  if (pos >= pdf.size() || pdf[pos] != ']') {
    return common::Fail(ErrorCode::kInvalidArgument, "malformed /ByteRange array");
  }
  return MakeByteRange(numbers[0], numbers[1], numbers[2], numbers[3], pdf.size());
}

common::Result<common::Bytes> ContentsInGap(std::string_view pdf, const ByteRange& range) {
  const std::size_t begin = range.first_length;
  const std::size_t end = range.second_offset;
  if (end - begin < 2 || pdf[begin] != '<' || pdf[end - 1] != '>' || (end - begin) % 2 != 0) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the gap of the /ByteRange is not exactly one hex string");
  }
  // The hex string must be the value of /Contents: only whitespace between the key and it.
  std::size_t key_end = begin;
  while (key_end > 0 && IsPdfWhitespace(pdf[key_end - 1])) --key_end;
  constexpr std::string_view kKey = "/Contents";
  if (key_end < kKey.size() || pdf.substr(key_end - kKey.size(), kKey.size()) != kKey) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the gap of the /ByteRange is not the /Contents value");
  }
  common::Bytes bytes;
  bytes.reserve((end - begin - 2) / 2);
  for (std::size_t i = begin + 1; i + 1 < end; i += 2) {
    const int high = HexValue(pdf[i]);
    const int low = HexValue(pdf[i + 1]);
    if (high < 0 || low < 0) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          "the /Contents gap holds something else than hex digits");
    }
    bytes.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return bytes;
}

common::Sha256Digest DigestByteRange(std::string_view pdf, const ByteRange& range) {
  common::Sha256Hasher hasher;
  hasher.Update(pdf.substr(0, range.first_length));
  hasher.Update(pdf.substr(range.second_offset, range.second_length));
  return hasher.Finish();
}

std::string CoveredBytes(std::string_view pdf, const ByteRange& range) {
  std::string covered;
  covered.reserve(range.first_length + range.second_length);
  covered.append(pdf.substr(0, range.first_length));
  covered.append(pdf.substr(range.second_offset, range.second_length));
  return covered;
}

}  // namespace sealpost::adapters::pdf
