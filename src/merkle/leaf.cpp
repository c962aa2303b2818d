#include "merkle/leaf.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace sealpost::merkle {

namespace {

using common::ErrorCode;
using common::Fail;

constexpr std::size_t kUuidTextSize = 36;

bool IsDashPosition(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

std::optional<std::array<std::uint8_t, 16>> ParseUuid(std::string_view text) {
  if (text.size() != kUuidTextSize) return std::nullopt;
  std::string hex;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsDashPosition(i)) {
      if (text[i] != '-') return std::nullopt;
    } else {
      hex.push_back(text[i]);
    }
  }
  auto bytes = common::HexDecode(hex);  // rejects non-hex characters
  if (!bytes || bytes->size() != 16) return std::nullopt;
  std::array<std::uint8_t, 16> out;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::string FormatUuid(std::span<const std::uint8_t> bytes) {
  const std::string hex = common::HexEncode(bytes);
  std::string out;
  for (std::size_t i = 0, h = 0; i < kUuidTextSize; ++i) {
    out.push_back(IsDashPosition(i) ? '-' : hex[h++]);
  }
  return out;
}

void PutBigEndian(common::Bytes& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t GetBigEndian(std::span<const std::uint8_t> bytes) {
  std::uint64_t value = 0;
  for (std::uint8_t b : bytes) value = value << 8 | b;
  return value;
}

}  // namespace

common::Result<common::Bytes> EncodeLeaf(const LeafRecord& record) {
  const auto uuid = ParseUuid(record.evidence_id);
  if (!uuid) {
    return Fail(ErrorCode::kInvalidArgument,
                "evidence id is not a canonical UUID: \"" + record.evidence_id + "\"");
  }
  common::Bytes out;
  out.reserve(kLeafSize);
  out.push_back(kLeafVersion);
  out.insert(out.end(), uuid->begin(), uuid->end());
  out.insert(out.end(), record.evidence_sha256.begin(), record.evidence_sha256.end());
  PutBigEndian(out, record.event_code, 2);
  // Two's complement, so that times before 1970 survive the round trip.
  PutBigEndian(out, static_cast<std::uint64_t>(record.event_time.time_since_epoch().count()), 8);
  return out;
}

common::Result<LeafRecord> DecodeLeaf(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kLeafSize) {
    return Fail(ErrorCode::kInvalidArgument, "leaf record has " + std::to_string(bytes.size()) +
                                                 " bytes, want " + std::to_string(kLeafSize));
  }
  if (bytes[0] != kLeafVersion) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown leaf record version " + std::to_string(bytes[0]));
  }
  LeafRecord record;
  record.evidence_id = FormatUuid(bytes.subspan(1, 16));
  std::copy_n(bytes.begin() + 17, 32, record.evidence_sha256.begin());
  record.event_code = static_cast<std::uint16_t>(GetBigEndian(bytes.subspan(49, 2)));
  record.event_time = common::TimePoint(
      std::chrono::microseconds(static_cast<std::int64_t>(GetBigEndian(bytes.subspan(51, 8)))));
  return record;
}

}  // namespace sealpost::merkle
