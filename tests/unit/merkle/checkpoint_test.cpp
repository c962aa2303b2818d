#include "merkle/checkpoint.hpp"

#include <gtest/gtest.h>

#include "common/bytes.hpp"
#include "merkle/signed_note.hpp"

namespace sealpost::merkle {
namespace {

Checkpoint Sample() {
  Checkpoint checkpoint;
  checkpoint.origin = "sealpost.example/log";
  checkpoint.size = 109482;
  checkpoint.root = LeafHash(common::ToBytes("root"));
  return checkpoint;
}

TEST(CheckpointTest, FormatsTheC2spBody) {
  const Checkpoint checkpoint = Sample();
  auto text = FormatCheckpoint(checkpoint);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, "sealpost.example/log\n109482\n" + common::Base64Encode(checkpoint.root) + "\n");
}

TEST(CheckpointTest, ParsesTheSpecExampleAndRoundTrips) {
  auto parsed = ParseCheckpoint(
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(parsed->size, 20852163u);
  EXPECT_EQ(common::Base64Encode(parsed->root), "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");

  Checkpoint with_extension = Sample();
  with_extension.extensions = {"Timestamp: 1689748607742585419"};
  auto reparsed = ParseCheckpoint(*FormatCheckpoint(with_extension));
  ASSERT_TRUE(reparsed.has_value());
  EXPECT_EQ(*reparsed, with_extension);
  EXPECT_EQ(*ParseCheckpoint(*FormatCheckpoint(Sample())), Sample());
}

TEST(CheckpointTest, RejectsMalformedBodies) {
  const std::string root = common::Base64Encode(Sample().root);
  for (const std::string& bad : std::vector<std::string>{
           "",
           "origin\n1\n" + root,          // no final newline
           "origin\n1\n",                 // no root
           "\n1\n" + root + "\n",         // empty origin
           "origin\n01\n" + root + "\n",  // leading zero
           "origin\n-1\n" + root + "\n",  // sign
           "origin\n+1\n" + root + "\n",
           "origin\n 1\n" + root + "\n",
           "origin\n18446744073709551616\n" + root + "\n",  // 2^64
           "origin\n1\n" + root.substr(0, 40) + "\n",       // short root
           "origin\n1\nAAAA\n",                             // 3 bytes
           "origin\n1\n" + root + "\n\n",                   // empty extension line
           "ori\tgin\n1\n" + root + "\n",
       }) {
    EXPECT_FALSE(ParseCheckpoint(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseCheckpoint("origin\n0\n" + root + "\n").has_value());
  EXPECT_EQ(ParseCheckpoint("origin\n18446744073709551615\n" + root + "\n")->size,
            18446744073709551615u);
}

TEST(CheckpointTest, FormatRefusesOriginsThatWouldReframe) {
  Checkpoint checkpoint = Sample();
  checkpoint.origin = "evil\n999";
  EXPECT_FALSE(FormatCheckpoint(checkpoint).has_value());
  checkpoint.origin = "";
  EXPECT_FALSE(FormatCheckpoint(checkpoint).has_value());
  checkpoint = Sample();
  checkpoint.extensions = {""};
  EXPECT_FALSE(FormatCheckpoint(checkpoint).has_value());
}

TEST(CheckpointTest, SignedCheckpointDetectsTampering) {
  const NoteSigner signer = *NoteSigner::Create("sealpost.example/log", common::Bytes(32, 0x42));
  const NoteVerifier verifier = *NoteVerifier::Create(signer.Name(), signer.PublicKey());
  const Checkpoint checkpoint = Sample();
  const std::string note = *signer.Sign(*FormatCheckpoint(checkpoint));

  auto body = verifier.Verify(note);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(*ParseCheckpoint(*body), checkpoint);

  // Change one digit of the size.
  std::string size_changed = note;
  const std::size_t digit = size_changed.find("109482");
  size_changed[digit + 5] = '3';
  EXPECT_FALSE(verifier.Verify(size_changed).has_value());

  // Change one byte of the root (re-encoded, so the base64 stays valid).
  Checkpoint other_root = checkpoint;
  other_root.root[0] ^= 0x01;
  std::string root_changed = note;
  const std::string old_b64 = common::Base64Encode(checkpoint.root);
  root_changed.replace(root_changed.find(old_b64), old_b64.size(),
                       common::Base64Encode(other_root.root));
  ASSERT_NE(root_changed, note);
  EXPECT_FALSE(verifier.Verify(root_changed).has_value());
}

}  // namespace
}  // namespace sealpost::merkle
