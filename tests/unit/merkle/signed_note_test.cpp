#include "merkle/signed_note.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::merkle {
namespace {

// The example key and note of golang.org/x/mod/sumdb/note (the reference implementation), used as
// data: Ed25519 is deterministic, so our signature must match theirs byte for byte.
constexpr std::string_view kGoSignerKeyBase64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kGoVerifierKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr std::string_view kGoSignatureLine =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

common::Bytes GoSeed() {
  auto typed = *common::Base64Decode(kGoSignerKeyBase64);
  return common::Bytes(typed.begin() + 1, typed.end());  // drop the 0x01 algorithm byte
}

NoteSigner MakeSigner(std::string name, std::uint8_t fill) {
  return *NoteSigner::Create(std::move(name), common::Bytes(32, fill));
}

NoteVerifier VerifierFor(const NoteSigner& signer) {
  return *NoteVerifier::Create(signer.Name(), signer.PublicKey());
}

TEST(SignedNoteTest, MatchesTheGoReferenceByteForByte) {
  auto signer = NoteSigner::Create("PeterNeumann", GoSeed());
  ASSERT_TRUE(signer.has_value()) << signer.error().message;
  EXPECT_EQ(signer->KeyId(), 0xc74f20a3u);
  EXPECT_EQ(signer->VerifierKey(), kGoVerifierKey);
  auto note = signer->Sign(kGoText);
  ASSERT_TRUE(note.has_value()) << note.error().message;
  EXPECT_EQ(*note, std::string(kGoText) + "\n" + std::string(kGoSignatureLine));

  auto verifier = NoteVerifier::FromVerifierKey(kGoVerifierKey);
  ASSERT_TRUE(verifier.has_value()) << verifier.error().message;
  auto text = verifier->Verify(*note);
  ASSERT_TRUE(text.has_value()) << text.error().message;
  EXPECT_EQ(*text, kGoText);
}

TEST(SignedNoteTest, VerifiesTheC2spSpecExample) {
  // The verifier key and note of the c2sp.org/signed-note example.
  auto verifier = NoteVerifier::FromVerifierKey(
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
  ASSERT_TRUE(verifier.has_value()) << verifier.error().message;
  const std::string note =
      "This is an example message.\n\n\xE2\x80\x94 example.com/foo "
      "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM="
      "\n";
  auto text = verifier->Verify(note);
  ASSERT_TRUE(text.has_value()) << text.error().message;
  EXPECT_EQ(*text, "This is an example message.\n");
}

TEST(SignedNoteTest, KeyIdFollowsTheDefinition) {
  const NoteSigner signer = MakeSigner("sealpost.example/log", 7);
  const common::Bytes public_key = signer.PublicKey();
  common::Bytes preimage = common::ToBytes("sealpost.example/log");
  preimage.push_back(0x0A);
  preimage.push_back(0x01);
  preimage.insert(preimage.end(), public_key.begin(), public_key.end());
  const auto digest = common::Sha256(preimage);
  const std::uint32_t expected = std::uint32_t{digest[0]} << 24 | std::uint32_t{digest[1]} << 16 |
                                 std::uint32_t{digest[2]} << 8 | digest[3];
  EXPECT_EQ(signer.KeyId(), expected);
  EXPECT_EQ(VerifierFor(signer).KeyId(), expected);
}

TEST(SignedNoteTest, SignVerifyRoundTripAndSignatureLineShape) {
  const NoteSigner signer = MakeSigner("sealpost.example/log", 1);
  const std::string body =
      "sealpost.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  auto note = signer.Sign(body);
  ASSERT_TRUE(note.has_value());
  ASSERT_TRUE(note->starts_with(body + "\n\xE2\x80\x94 sealpost.example/log "));
  const std::string blob_b64 =
      note->substr(body.size() + 1 + 4 + signer.Name().size() + 1);  // "— " is 4 bytes
  auto blob = common::Base64Decode(blob_b64.substr(0, blob_b64.size() - 1));
  ASSERT_TRUE(blob.has_value());
  EXPECT_EQ(blob->size(), 4u + 64u);

  auto text = VerifierFor(signer).Verify(*note);
  ASSERT_TRUE(text.has_value()) << text.error().message;
  EXPECT_EQ(*text, body);
}

TEST(SignedNoteTest, RejectsAlteredBodyWrongKeyAndMissingSignature) {
  const NoteSigner signer = MakeSigner("log.example", 1);
  const std::string note = *signer.Sign("log.example\n12\nroot\n");
  const NoteVerifier verifier = VerifierFor(signer);
  ASSERT_TRUE(verifier.Verify(note).has_value());

  std::string altered = note;
  altered[12] = '3';  // "12" -> "13"
  auto result = verifier.Verify(altered);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("invalid signature"), std::string::npos);

  // Same name, different key: its key id differs, so the only line is "someone else's".
  const NoteVerifier other_key = VerifierFor(MakeSigner("log.example", 2));
  EXPECT_FALSE(other_key.Verify(note).has_value());
  // Same key, other name.
  EXPECT_FALSE(NoteVerifier::Create("other.example", signer.PublicKey())->Verify(note).has_value());

  EXPECT_FALSE(verifier.Verify("log.example\n12\nroot\n").has_value());
  EXPECT_FALSE(verifier.Verify("log.example\n12\nroot\n\n").has_value());
  EXPECT_FALSE(verifier.Verify("").has_value());
  // A flipped signature bit, and a truncated note.
  std::string bad_signature = note;
  bad_signature[note.size() - 5] = bad_signature[note.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verifier.Verify(bad_signature).has_value());
  EXPECT_FALSE(verifier.Verify(note.substr(0, note.size() - 1)).has_value());
}

TEST(SignedNoteTest, IgnoresSignaturesOfOtherKeys) {
  const NoteSigner log = MakeSigner("log.example", 1);
  const NoteSigner witness = MakeSigner("witness.example", 2);
  const std::string body = "log.example\n1\nroot\n";
  const std::string log_note = *log.Sign(body);
  const std::string witness_note = *witness.Sign(body);
  const std::string witness_line = witness_note.substr(body.size() + 1);
  const std::string log_line = log_note.substr(body.size() + 1);

  // Witness line before and after ours.
  EXPECT_EQ(*VerifierFor(log).Verify(body + "\n" + witness_line + log_line), body);
  EXPECT_EQ(*VerifierFor(log).Verify(log_note + witness_line), body);
  EXPECT_EQ(*VerifierFor(witness).Verify(log_note + witness_line), body);
  // Only someone else's signature: rejected.
  EXPECT_FALSE(VerifierFor(log).Verify(witness_note).has_value());
  // A garbage signature under our name and key id rejects the note even if a good one follows.
  const std::string forged = log_line.substr(0, log_line.size() - 10) + "AAAAAAAAA\n";
  EXPECT_FALSE(VerifierFor(log).Verify(body + "\n" + forged + log_line).has_value());
}

TEST(SignedNoteTest, BodyMayContainBlankLinesAndIsSplitAtTheLast) {
  const NoteSigner signer = MakeSigner("poet.example", 3);
  const std::string body = "stanza one\n\nstanza two\n";
  auto text = VerifierFor(signer).Verify(*signer.Sign(body));
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(*text, body);
}

TEST(SignedNoteTest, RejectsInvalidInputs) {
  EXPECT_FALSE(NoteSigner::Create("has space", common::Bytes(32, 1)).has_value());
  EXPECT_FALSE(NoteSigner::Create("has+plus", common::Bytes(32, 1)).has_value());
  EXPECT_FALSE(NoteSigner::Create("", common::Bytes(32, 1)).has_value());
  EXPECT_FALSE(NoteSigner::Create("nbsp\xC2\xA0name", common::Bytes(32, 1)).has_value());
  EXPECT_FALSE(NoteSigner::Create("ok.example", common::Bytes(31, 1)).has_value());
  EXPECT_FALSE(NoteVerifier::Create("ok.example", common::Bytes(33, 1)).has_value());

  const NoteSigner signer = MakeSigner("ok.example", 1);
  EXPECT_FALSE(signer.Sign("").has_value());
  EXPECT_FALSE(signer.Sign("no final newline").has_value());
  EXPECT_FALSE(signer.Sign("tab\there\n").has_value());
  EXPECT_FALSE(signer.Sign("bad utf8 \xFF\n").has_value());
  EXPECT_TRUE(signer.Sign("caf\xC3\xA9\n").has_value());
}

TEST(SignedNoteTest, VerifierKeyTextRoundTripsAndIsChecked) {
  const NoteSigner signer = MakeSigner("sealpost.example/log", 9);
  const std::string vkey = signer.VerifierKey();
  auto verifier = NoteVerifier::FromVerifierKey(vkey);
  ASSERT_TRUE(verifier.has_value()) << verifier.error().message;
  EXPECT_EQ(verifier->VerifierKey(), vkey);
  EXPECT_EQ(verifier->KeyId(), signer.KeyId());

  const std::size_t plus = vkey.find('+');
  std::string wrong_id = vkey;
  wrong_id[plus + 1] = wrong_id[plus + 1] == '0' ? '1' : '0';
  EXPECT_FALSE(NoteVerifier::FromVerifierKey(wrong_id).has_value());
  std::string wrong_name = vkey;
  wrong_name[0] = 'S';
  EXPECT_FALSE(NoteVerifier::FromVerifierKey(wrong_name).has_value());
  EXPECT_FALSE(NoteVerifier::FromVerifierKey("name+c74f20a3").has_value());
  EXPECT_FALSE(NoteVerifier::FromVerifierKey(
                   "PeterNeumann+c74f20a3+AhpC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
                   .has_value());  // algorithm byte 0x02
}

}  // namespace
}  // namespace sealpost::merkle
