#include "merkle/leaf.hpp"

#include <gtest/gtest.h>

#include "common/bytes.hpp"

namespace sealpost::merkle {
namespace {

LeafRecord SampleRecord() {
  LeafRecord record;
  record.evidence_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  record.evidence_sha256 = common::Sha256(std::string_view("sealed evidence"));
  record.event_code = 0x0102;
  record.event_time = common::TimePoint(std::chrono::microseconds(1'700'000'000'123'456));
  return record;
}

TEST(LeafTest, EncodesTheDocumentedLayoutByteByByte) {
  const LeafRecord record = SampleRecord();
  auto bytes = EncodeLeaf(record);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  ASSERT_EQ(bytes->size(), 59u);
  const std::string hex = common::HexEncode(*bytes);
  EXPECT_EQ(hex.substr(0, 2), "01");
  EXPECT_EQ(hex.substr(2, 32), "0f8fad5bd9cb469fa16570867728950e");
  EXPECT_EQ(hex.substr(34, 64), common::HexEncode(record.evidence_sha256));
  EXPECT_EQ(hex.substr(98, 4), "0102");
  // 1700000000123456 µs (2023-11-14T22:13:20.123456Z), as eight big-endian bytes.
  EXPECT_EQ(hex.substr(102, 16), "00060a2418202240");
}

TEST(LeafTest, RoundTrips) {
  LeafRecord record = SampleRecord();
  auto decoded = DecodeLeaf(*EncodeLeaf(record));
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(*decoded, record);

  // Upper-case input is accepted and comes back canonical (lower case); negative times survive.
  record.evidence_id = "0F8FAD5B-D9CB-469F-A165-70867728950E";
  record.event_time = common::TimePoint(std::chrono::microseconds(-1));
  record.event_code = 0xffff;
  decoded = DecodeLeaf(*EncodeLeaf(record));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->evidence_id, "0f8fad5b-d9cb-469f-a165-70867728950e");
  EXPECT_EQ(decoded->event_time, record.event_time);
  EXPECT_EQ(decoded->event_code, 0xffff);
}

TEST(LeafTest, RejectsMalformedEvidenceIds) {
  LeafRecord record = SampleRecord();
  for (const char* bad :
       {"", "0f8fad5bd9cb469fa16570867728950e", "0f8fad5b-d9cb-469f-a165-70867728950",
        "0f8fad5b-d9cb-469f-a165-70867728950e0", "0f8fad5b+d9cb-469f-a165-70867728950e",
        "0g8fad5b-d9cb-469f-a165-70867728950e"}) {
    record.evidence_id = bad;
    auto bytes = EncodeLeaf(record);
    ASSERT_FALSE(bytes.has_value()) << bad;
    EXPECT_EQ(bytes.error().code, common::ErrorCode::kInvalidArgument);
  }
}

TEST(LeafTest, RejectsWrongLengthsAndVersions) {
  const common::Bytes good = *EncodeLeaf(SampleRecord());
  EXPECT_FALSE(DecodeLeaf({}).has_value());
  EXPECT_FALSE(DecodeLeaf(std::span(good).first(58)).has_value());
  common::Bytes longer = good;
  longer.push_back(0);
  EXPECT_FALSE(DecodeLeaf(longer).has_value());
  for (std::uint8_t version : {0x00, 0x02, 0xff}) {
    common::Bytes other = good;
    other[0] = version;
    auto decoded = DecodeLeaf(other);
    ASSERT_FALSE(decoded.has_value());
    EXPECT_NE(decoded.error().message.find("version"), std::string::npos);
  }
}

}  // namespace
}  // namespace sealpost::merkle
