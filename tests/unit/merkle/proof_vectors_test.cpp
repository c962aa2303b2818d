// Runs every transparency-dev/merkle proof vector in the shared test data through our verifiers:
// wantErr true must be rejected, false accepted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/bytes.hpp"
#include "merkle/proof.hpp"

namespace sealpost::merkle {
namespace {

namespace fs = std::filesystem;

const fs::path kVectorDir = fs::path(SEALPOST_SHARED_TESTDATA) / "merkle";

common::Bytes DecodeField(const nlohmann::json& value) {
  if (value.is_null()) return {};
  auto bytes = common::Base64Decode(value.get<std::string>());
  EXPECT_TRUE(bytes.has_value()) << "bad base64 in vector: " << value;
  return bytes.value_or(common::Bytes{});
}

std::vector<common::Bytes> DecodeProof(const nlohmann::json& value) {
  std::vector<common::Bytes> proof;
  if (value.is_null()) return proof;
  for (const auto& element : value) proof.push_back(DecodeField(element));
  return proof;
}

std::vector<fs::path> VectorFiles(const std::string& kind) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(kVectorDir / kind)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Reports a disagreement between the verifier and the vector, naming the file.
void CheckVerdict(const fs::path& file, const nlohmann::json& vector,
                  const common::Result<void>& verdict) {
  const bool want_err = vector.at("wantErr").get<bool>();
  if (want_err) {
    EXPECT_FALSE(verdict.has_value())
        << fs::relative(file, kVectorDir) << " (" << vector.value("desc", "") << ") was accepted";
  } else {
    EXPECT_TRUE(verdict.has_value())
        << fs::relative(file, kVectorDir) << " (" << vector.value("desc", "")
        << ") was rejected: " << verdict.error().message;
  }
}

TEST(ProofVectorsTest, EveryInclusionVectorAgreesWithTheReference) {
  const auto files = VectorFiles("inclusion");
  ASSERT_GT(files.size(), 50u);
  int accepted = 0;
  for (const auto& file : files) {
    const auto v = ReadJson(file);
    const auto leaf_hash = DecodeField(v.at("leafHash"));
    const auto root = DecodeField(v.at("root"));
    const auto proof = DecodeProof(v.at("proof"));
    const auto verdict =
        VerifyInclusion(v.at("leafIdx").get<std::uint64_t>(), v.at("treeSize").get<std::uint64_t>(),
                        leaf_hash, std::span<const common::Bytes>(proof), root);
    CheckVerdict(file, v, verdict);
    if (verdict) ++accepted;
  }
  EXPECT_EQ(accepted, 6);  // five happy paths and single-entry/matching-root-and-leaf
}

TEST(ProofVectorsTest, EveryConsistencyVectorAgreesWithTheReference) {
  const auto files = VectorFiles("consistency");
  ASSERT_GT(files.size(), 50u);
  int accepted = 0;
  for (const auto& file : files) {
    const auto v = ReadJson(file);
    const auto root1 = DecodeField(v.at("root1"));
    const auto root2 = DecodeField(v.at("root2"));
    const auto proof = DecodeProof(v.at("proof"));
    const auto verdict =
        VerifyConsistency(v.at("size1").get<std::uint64_t>(), v.at("size2").get<std::uint64_t>(),
                          root1, root2, std::span<const common::Bytes>(proof));
    CheckVerdict(file, v, verdict);
    if (verdict) ++accepted;
  }
  EXPECT_EQ(accepted, 6);  // five happy paths and "sizes are equal (one) and proof is empty"
}

TEST(ProofVectorsTest, AllVectorsAreCovered) {
  EXPECT_EQ(VectorFiles("inclusion").size() + VectorFiles("consistency").size(), 196u);
}

}  // namespace
}  // namespace sealpost::merkle
