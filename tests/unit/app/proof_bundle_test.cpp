// CheckpointService and BuildProofBundle against the real adapters: checkpoints are reused when
// they cover what is asked and made otherwise, and a bundle verifies offline from its own content
// alone — each evidence's tlog-proof against the log key, the checkpoint's time-stamp against the
// CA.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "adapters/crypto/time_stamp_verifier.hpp"
#include "common/sha256.hpp"
#include "merkle/checkpoint.hpp"
#include "merkle/leaf.hpp"
#include "merkle/proof_text.hpp"
#include "merkle/signed_note.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

class CheckpointServiceTest : public AppFixture {};

TEST_F(CheckpointServiceTest, CoveringReusesLatestOrMakesNew) {
  MustSubmit(*sender_, Request({RecipientCompany()}));
  ASSERT_EQ(LogSize(), 3);

  auto first = checkpoints_->Covering(3);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->size, 3);
  const auto head = log_->Head();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(first->root_hex, common::HexEncode(head->root));

  clock_.Advance(std::chrono::minutes(5));
  auto reused = checkpoints_->Covering(2);
  ASSERT_TRUE(reused.has_value());
  EXPECT_EQ(reused->signed_note, first->signed_note);
  EXPECT_EQ(reused->created_at, first->created_at);

  MustSubmit(*sender_, Request({Unregistered()}));
  ASSERT_EQ(LogSize(), 5);
  auto still = checkpoints_->Covering(3);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->size, 3) << "the latest checkpoint still covers 3 leaves";
  EXPECT_EQ(still->signed_note, first->signed_note);

  auto grown = checkpoints_->Covering(4);
  ASSERT_TRUE(grown.has_value());
  EXPECT_EQ(grown->size, 5) << "a new checkpoint covers the whole log";
  EXPECT_NE(grown->signed_note, first->signed_note);
  EXPECT_EQ(grown->created_at, clock_.Now());

  // Refresh without growth makes nothing new.
  auto refreshed = checkpoints_->Refresh();
  ASSERT_TRUE(refreshed.has_value());
  EXPECT_EQ(refreshed->signed_note, grown->signed_note);

  // The signed note is a valid checkpoint of this log, and its token stamps exactly that note.
  auto verifier = merkle::NoteVerifier::FromVerifierKey(trust_.log_verifier_key);
  ASSERT_TRUE(verifier.has_value());
  auto text = verifier->Verify(grown->signed_note);
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  auto parsed = merkle::ParseCheckpoint(*text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->origin, kLogOrigin);
  EXPECT_EQ(parsed->size, 5u);
  auto token = adapters::crypto::VerifyTimeStampToken(
      grown->timestamp_token, common::Sha256(grown->signed_note), pki().ca_certificate_pem());
  ASSERT_TRUE(token.has_value()) << token.error().ToString();
  EXPECT_EQ(token->gen_time, clock_.Now());
}

class BuildProofBundleTest : public AppFixture {
 protected:
  std::map<std::string, std::string> FilesOf(const std::vector<ArchiveEntry>& entries) {
    std::map<std::string, std::string> files;
    for (const auto& e : entries) {
      EXPECT_FALSE(files.contains(e.name)) << "duplicate entry " << e.name;
      files[e.name] = e.data;
    }
    return files;
  }

  // Checks everything a verifier would, from the bundle's files alone; returns the evidence ids.
  std::set<std::string> VerifyBundle(const std::map<std::string, std::string>& files) {
    std::set<std::string> ids;
    for (const char* name :
         {"manifest.json", "checkpoint/checkpoint.note", "checkpoint/checkpoint.tst",
          "certs/root-ca.pem", "certs/log-key.txt", "certs/seal.pem", "certs/tsa.pem"}) {
      EXPECT_TRUE(files.contains(name)) << name << " missing";
      if (!files.contains(name)) return ids;
    }
    std::string key_text = files.at("certs/log-key.txt");
    while (!key_text.empty() && key_text.back() == '\n') key_text.pop_back();
    auto verifier = merkle::NoteVerifier::FromVerifierKey(key_text);
    EXPECT_TRUE(verifier.has_value());
    if (!verifier) return ids;

    const std::string& note = files.at("checkpoint/checkpoint.note");
    auto token = adapters::crypto::VerifyTimeStampToken(
        common::ToBytes(files.at("checkpoint/checkpoint.tst")), common::Sha256(note),
        files.at("certs/root-ca.pem"));
    EXPECT_TRUE(token.has_value()) << "checkpoint.tst: " << token.error().ToString();

    auto manifest = nlohmann::json::parse(files.at("manifest.json"));
    EXPECT_EQ(manifest["format"], std::string(kProofBundleFormat));
    EXPECT_EQ(manifest["log_origin"], kLogOrigin);
    for (const auto& e : manifest["evidence"]) {
      const std::string id = e["id"];
      ids.insert(id);
      const std::string file = e["file"];
      const std::string proof_file = e["proof"];
      EXPECT_TRUE(files.contains(file)) << file;
      EXPECT_TRUE(files.contains(proof_file)) << proof_file;
      if (!files.contains(file) || !files.contains(proof_file)) continue;

      auto leaf = common::HexDecode(e["leaf_record"].get<std::string>());
      EXPECT_TRUE(leaf.has_value());
      if (!leaf) continue;
      auto record = merkle::DecodeLeaf(*leaf);
      EXPECT_TRUE(record.has_value());
      if (!record) continue;
      EXPECT_EQ(record->evidence_id, id);
      EXPECT_EQ(record->evidence_sha256, common::Sha256(files.at(file)))
          << "leaf does not commit to " << file;

      auto proof = merkle::ParseTlogProof(files.at(proof_file));
      EXPECT_TRUE(proof.has_value());
      if (!proof) continue;
      EXPECT_EQ(proof->checkpoint_note, note);
      EXPECT_EQ(static_cast<std::int64_t>(proof->index), e["leaf_index"].get<std::int64_t>());
      auto checked =
          merkle::VerifyTlogProof(*proof, *verifier, kLogOrigin, merkle::LeafHash(*leaf));
      EXPECT_TRUE(checked.has_value()) << proof_file << ": " << checked.error().ToString();

      auto report = VerifySealed(files.at(file));
      EXPECT_TRUE(report.ok) << file;
      EXPECT_EQ(report.summary.evidence_id, id);
    }
    return ids;
  }
};

std::set<std::string> IdsOf(const std::vector<domain::EvidenceRecord>& records) {
  std::set<std::string> ids;
  for (const auto& r : records) ids.insert(r.id);
  return ids;
}

TEST_F(BuildProofBundleTest, SenderBundleHoldsEveryEvidenceAndVerifiesOffline) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany(), Unregistered()}));
  clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(hand_over_->Execute(*recipient_, submitted.deliveries[0].id).has_value());
  // Someone else's later evidence must not disturb the proofs.
  MustSubmit(*outsider_, Request({RecipientPerson()}));

  auto bundle = proof_bundle_->Execute(*sender_, submitted.item.id);
  ASSERT_TRUE(bundle.has_value()) << bundle.error().ToString();
  auto files = FilesOf(*bundle);
  auto ids = VerifyBundle(files);
  EXPECT_EQ(ids, IdsOf(StoredEvidence(submitted.item.id)));
  EXPECT_EQ(ids.size(), 6u);
}

TEST_F(BuildProofBundleTest, RecipientBundleHoldsOnlyItsEvidence) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany(), RecipientPerson()}));
  auto visible = queries_->ListEvidence(*person_, submitted.item.id);
  ASSERT_TRUE(visible.has_value());

  auto bundle = proof_bundle_->Execute(*person_, submitted.item.id);
  ASSERT_TRUE(bundle.has_value()) << bundle.error().ToString();
  auto ids = VerifyBundle(FilesOf(*bundle));
  EXPECT_EQ(ids, IdsOf(*visible));
  EXPECT_EQ(ids.size(), 3u);
  auto outsider = proof_bundle_->Execute(*outsider_, submitted.item.id);
  ASSERT_FALSE(outsider.has_value());
  EXPECT_EQ(outsider.error().code, common::ErrorCode::kNotFound);
}

TEST_F(BuildProofBundleTest, LaterBundleUsesANewCheckpointCoveringNewEvidence) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  auto first = proof_bundle_->Execute(*sender_, submitted.item.id);
  ASSERT_TRUE(first.has_value());
  clock_.Advance(std::chrono::days(1));
  ASSERT_TRUE(hand_over_->Execute(*recipient_, submitted.deliveries[0].id).has_value());
  auto second = proof_bundle_->Execute(*sender_, submitted.item.id);
  ASSERT_TRUE(second.has_value());
  auto files = FilesOf(*second);
  EXPECT_NE(files.at("checkpoint/checkpoint.note"),
            FilesOf(*first).at("checkpoint/checkpoint.note"));
  EXPECT_EQ(VerifyBundle(files).size(), 4u);
}

}  // namespace
}  // namespace sealpost::app
