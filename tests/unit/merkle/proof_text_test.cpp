#include "merkle/proof_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "merkle/checkpoint.hpp"
#include "merkle/compact_range.hpp"
#include "merkle/proof.hpp"
#include "merkle/signed_note.hpp"

namespace sealpost::merkle {
namespace {

constexpr std::string_view kOrigin = "sealpost.example/log";

// A small log of 13 leaves with its signed checkpoint.
struct Fixture {
  NoteSigner signer = *NoteSigner::Create(std::string(kOrigin), common::Bytes(32, 0x11));
  NoteVerifier verifier = *NoteVerifier::Create(signer.Name(), signer.PublicKey());
  std::vector<Hash> leaves;
  std::string checkpoint_note;

  Fixture() {
    CompactRange range;
    for (int i = 0; i < 13; ++i) {
      leaves.push_back(LeafHash(common::ToBytes("entry " + std::to_string(i))));
      range.Append(leaves.back());
    }
    const Checkpoint checkpoint{std::string(kOrigin), range.Size(), range.Root(), {}};
    checkpoint_note = *signer.Sign(*FormatCheckpoint(checkpoint));
  }

  TlogProof ProofFor(std::uint64_t index) const {
    return TlogProof{std::nullopt, index, *InclusionProof(leaves, index, leaves.size()),
                     checkpoint_note};
  }
};

TEST(TlogProofTest, FormatsTheC2spLayout) {
  const Fixture f;
  const TlogProof proof = f.ProofFor(5);
  auto text = FormatTlogProof(proof);
  ASSERT_TRUE(text.has_value());
  std::string expected = "c2sp.org/tlog-proof@v1\nindex 5\n";
  for (const Hash& h : proof.inclusion_proof) expected += common::Base64Encode(h) + "\n";
  expected += "\n" + f.checkpoint_note;
  EXPECT_EQ(*text, expected);

  TlogProof with_extra = proof;
  with_extra.extra = common::ToBytes("hello");
  EXPECT_TRUE(FormatTlogProof(with_extra)
                  ->starts_with("c2sp.org/tlog-proof@v1\nextra aGVsbG8=\nindex 5\n"));
}

TEST(TlogProofTest, RoundTripsAndVerifiesEveryLeaf) {
  const Fixture f;
  for (std::uint64_t i = 0; i < f.leaves.size(); ++i) {
    TlogProof proof = f.ProofFor(i);
    if (i % 2 == 0) proof.extra = common::Bytes{0x00, 0xff, static_cast<std::uint8_t>(i)};
    auto parsed = ParseTlogProof(*FormatTlogProof(proof));
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(*parsed, proof);
    auto checkpoint = VerifyTlogProof(*parsed, f.verifier, kOrigin, f.leaves[i]);
    ASSERT_TRUE(checkpoint.has_value()) << checkpoint.error().message;
    EXPECT_EQ(checkpoint->size, 13u);
    // The proof of leaf i does not prove leaf i+1.
    EXPECT_FALSE(VerifyTlogProof(*parsed, f.verifier, kOrigin, f.leaves[(i + 1) % f.leaves.size()])
                     .has_value());
  }
}

TEST(TlogProofTest, VerificationRejectsWrongKeyOriginAndTamperedParts) {
  const Fixture f;
  const TlogProof proof = f.ProofFor(7);
  const NoteVerifier stranger = *NoteVerifier::Create(
      std::string(kOrigin), NoteSigner::Create("x", common::Bytes(32, 9))->PublicKey());
  EXPECT_FALSE(VerifyTlogProof(proof, stranger, kOrigin, f.leaves[7]).has_value());
  EXPECT_FALSE(VerifyTlogProof(proof, f.verifier, "other.example/log", f.leaves[7]).has_value());

  TlogProof wrong_index = proof;
  wrong_index.index = 6;
  EXPECT_FALSE(VerifyTlogProof(wrong_index, f.verifier, kOrigin, f.leaves[7]).has_value());
  TlogProof flipped = proof;
  flipped.inclusion_proof[1][3] ^= 0x10;
  EXPECT_FALSE(VerifyTlogProof(flipped, f.verifier, kOrigin, f.leaves[7]).has_value());
  TlogProof truncated = proof;
  truncated.inclusion_proof.pop_back();
  EXPECT_FALSE(VerifyTlogProof(truncated, f.verifier, kOrigin, f.leaves[7]).has_value());
}

TEST(TlogProofTest, ParsesTheSpecExampleShape) {
  // The example of c2sp.org/tlog-proof (signatures shortened there, so only the syntax is checked).
  const std::string text =
      "c2sp.org/tlog-proof@v1\n"
      "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6\n"
      "index 73894\n"
      "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n"
      "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n"
      "\n"
      "example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n"
      "\n"
      "\xE2\x80\x94 example.com/fancylog hI2DJw==\n";
  auto proof = ParseTlogProof(text);
  ASSERT_TRUE(proof.has_value()) << proof.error().message;
  EXPECT_EQ(proof->index, 73894u);
  EXPECT_EQ(common::ToString(*proof->extra), "age-v1.2.1-darwin-arm64.tar.gz");
  EXPECT_EQ(proof->inclusion_proof.size(), 2u);
  EXPECT_TRUE(proof->checkpoint_note.starts_with("example.com/fancylog\n109482\n"));
  EXPECT_EQ(*FormatTlogProof(*proof), text);
}

TEST(TlogProofTest, RejectsMalformedText) {
  const Fixture f;
  const std::string good = *FormatTlogProof(f.ProofFor(2));
  ASSERT_TRUE(ParseTlogProof(good).has_value());
  const std::string header = "c2sp.org/tlog-proof@v1\n";
  for (const std::string& bad : std::vector<std::string>{
           "",
           "c2sp.org/tlog-proof@v2\nindex 1\n\n" + f.checkpoint_note,
           header + "index 01\n\n" + f.checkpoint_note,
           header + "index -1\n\n" + f.checkpoint_note,
           header + "index\n\n" + f.checkpoint_note,
           header + "extra !!\nindex 1\n\n" + f.checkpoint_note,
           header + "index 1\nAAAA\n\n" + f.checkpoint_note,  // not a 32-byte hash
           header + "index 1\n" + f.checkpoint_note,          // no empty line: body read as hashes
           header + "index 1\n\n",                            // no checkpoint
           good.substr(0, good.size() - 1),                   // checkpoint cut short
           header + "extra AA==\n",
       }) {
    EXPECT_FALSE(ParseTlogProof(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sealpost::merkle
