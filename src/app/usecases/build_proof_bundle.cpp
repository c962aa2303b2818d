#include "app/usecases/build_proof_bundle.hpp"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/evidence_leaf.hpp"
#include "common/bytes.hpp"
#include "merkle/proof.hpp"
#include "merkle/proof_text.hpp"

namespace sealpost::app {

namespace {

constexpr const char* kReadme =
    "sealpost proof bundle\n"
    "=====================\n\n"
    "evidence/   the sealed ETSI EN 319 522 evidence files (XAdES baseline B-T), exactly as "
    "issued\n"
    "proofs/     one C2SP tlog-proof per evidence: its leaf index and Merkle inclusion proof\n"
    "checkpoint/ the signed log checkpoint the proofs lead to, and its RFC 3161 time-stamp token\n"
    "certs/      the root CA, the seal and time-stamping certificates, and the log's public key\n"
    "manifest.json  what is in this bundle, with each evidence's log leaf record\n\n"
    "Check it offline with:  sealpost verify <this file>.zip\n"
    "Compare the root CA fingerprint that it prints with the one the provider publishes.\n";

}  // namespace

BuildProofBundle::BuildProofBundle(Database& database, ItemQueries& queries,
                                   CheckpointService& checkpoints, TrustMaterial trust)
    : database_(database), queries_(queries), checkpoints_(checkpoints), trust_(std::move(trust)) {}

common::Result<std::vector<ArchiveEntry>> BuildProofBundle::Execute(const Caller& caller,
                                                                    const std::string& item_id) {
  auto records = queries_.ListEvidence(caller, item_id);
  if (!records) return common::Fail(records.error());
  std::int64_t needed = 0;
  for (const auto& r : *records) needed = std::max(needed, r.leaf_index + 1);
  auto checkpoint = checkpoints_.Covering(needed);
  if (!checkpoint) return common::Fail(checkpoint.error());

  std::vector<merkle::Hash> leaves;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto loaded = (*uow)->Log().LeafHashes(0, checkpoint->size);
    if (!loaded) return common::Fail(loaded.error());
    leaves = std::move(*loaded);
  }

  std::vector<ArchiveEntry> files;
  files.push_back({"README.txt", kReadme});
  nlohmann::json manifest = {{"format", kProofBundleFormat},
                             {"item_id", item_id},
                             {"log_origin", checkpoints_.Origin()},
                             {"checkpoint_size", checkpoint->size},
                             {"evidence", nlohmann::json::array()}};
  int n = 0;
  for (const auto& r : *records) {
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%02d", ++n);
    std::string event(domain::EventName(r.event));
    std::string evidence_file =
        "evidence/" + std::string(prefix) + "-" + event + "-" + r.id + ".xml";
    std::string proof_file = "proofs/" + r.id + ".tlog-proof";

    auto path = merkle::InclusionProof(leaves, static_cast<std::uint64_t>(r.leaf_index),
                                       static_cast<std::uint64_t>(checkpoint->size));
    if (!path) return common::Fail(path.error());
    merkle::TlogProof proof;
    proof.index = static_cast<std::uint64_t>(r.leaf_index);
    proof.inclusion_proof = std::move(*path);
    proof.checkpoint_note = checkpoint->signed_note;
    auto proof_text = merkle::FormatTlogProof(proof);
    if (!proof_text) return common::Fail(proof_text.error());
    auto leaf = merkle::EncodeLeaf(LeafRecordOf(r));
    if (!leaf) return common::Fail(leaf.error());

    files.push_back({evidence_file, r.sealed_xml});
    files.push_back({proof_file, *proof_text});
    manifest["evidence"].push_back({{"id", r.id},
                                    {"event", event},
                                    {"delivery_id", r.delivery_id},
                                    {"file", evidence_file},
                                    {"proof", proof_file},
                                    {"leaf_index", r.leaf_index},
                                    {"leaf_record", common::HexEncode(*leaf)}});
  }
  files.push_back({"checkpoint/checkpoint.note", checkpoint->signed_note});
  files.push_back({"checkpoint/checkpoint.tst", common::ToString(checkpoint->timestamp_token)});
  files.push_back({"certs/root-ca.pem", trust_.root_ca_pem});
  files.push_back({"certs/seal.pem", trust_.seal_chain_pem});
  files.push_back({"certs/tsa.pem", trust_.tsa_chain_pem});
  files.push_back({"certs/log-key.txt", trust_.log_verifier_key + "\n"});
  files.push_back({"manifest.json", manifest.dump(2) + "\n"});
  return files;
}

}  // namespace sealpost::app
