#include "adapters/blob/fs_blob_store.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "common/bytes.hpp"

namespace sealpost::adapters::blob {
namespace {

using common::ErrorCode;
namespace fs = std::filesystem;

// SHA-256("abc"), FIPS 180-2 appendix B.1.
constexpr const char* kAbcAddress =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

class FsBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "sealpost-blob-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    tmp_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }

  fs::path tmp_;
  fs::path root() const { return tmp_ / "blobs"; }
};

TEST_F(FsBlobStoreTest, PutReturnsTheSha256AddressAndGetReturnsTheBytes) {
  FsBlobStore store(root());
  auto address = store.Put(common::ToBytes("abc"));
  ASSERT_TRUE(address) << address.error().ToString();
  EXPECT_EQ(*address, kAbcAddress);
  EXPECT_EQ(store.PathOf(*address), root() / "ba" / kAbcAddress);
  EXPECT_TRUE(fs::is_regular_file(root() / "ba" / kAbcAddress));
  auto data = store.Get(*address);
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(common::ToString(*data), "abc");
}

TEST_F(FsBlobStoreTest, EmptyAndBinaryBlobsRoundTrip) {
  FsBlobStore store(root());
  auto empty = store.Put({});
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_TRUE(store.Get(*empty)->empty());
  common::Bytes binary(300000);
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<std::uint8_t>(i * 7);
  auto address = store.Put(binary);
  ASSERT_TRUE(address);
  EXPECT_EQ(*store.Get(*address), binary);
}

TEST_F(FsBlobStoreTest, PuttingTheSameBytesTwiceIsFineAndLeavesNoTempFiles) {
  FsBlobStore store(root());
  auto first = store.Put(common::ToBytes("abc"));
  auto second = store.Put(common::ToBytes("abc"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root())) {
    if (entry.is_regular_file()) {
      ++files;
      EXPECT_EQ(entry.path().filename(), kAbcAddress);
      struct stat st {};
      ASSERT_EQ(::stat(entry.path().c_str(), &st), 0);
      EXPECT_EQ(st.st_mode & 0777, 0600u);
    }
  }
  EXPECT_EQ(files, 1);
}

TEST_F(FsBlobStoreTest, GetOfAnAbsentBlobIsNotFound) {
  FsBlobStore store(root());
  auto data = store.Get(kAbcAddress);
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code, ErrorCode::kNotFound);
}

TEST_F(FsBlobStoreTest, CorruptedBlobIsInternal) {
  FsBlobStore store(root());
  auto address = store.Put(common::ToBytes("abc"));
  ASSERT_TRUE(address);
  {
    std::ofstream out(store.PathOf(*address), std::ios::binary | std::ios::trunc);
    out << "abd";
  }
  auto data = store.Get(*address);
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code, ErrorCode::kInternal);
}

TEST_F(FsBlobStoreTest, RejectsAddressesThatAreNotSha256Hex) {
  FsBlobStore store(root());
  for (const std::string& bad :
       {std::string(""), std::string("../../etc/passwd"), std::string(kAbcAddress).substr(1),
        std::string(kAbcAddress) + "0",
        std::string("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"),
        std::string(64, 'g'),
        std::string("ba/816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")}) {
    auto data = store.Get(bad);
    ASSERT_FALSE(data) << bad;
    EXPECT_EQ(data.error().code, ErrorCode::kInvalidArgument) << bad;
    auto removed = store.Remove(bad);
    ASSERT_FALSE(removed) << bad;
    EXPECT_EQ(removed.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST_F(FsBlobStoreTest, RemoveDeletesAndIsIdempotent) {
  FsBlobStore store(root());
  auto address = store.Put(common::ToBytes("abc"));
  ASSERT_TRUE(address);
  ASSERT_TRUE(store.Remove(*address));
  EXPECT_FALSE(fs::exists(store.PathOf(*address)));
  EXPECT_EQ(store.Get(*address).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store.Remove(*address));
}

TEST_F(FsBlobStoreTest, ReportsAnUnwritableRoot) {
  FsBlobStore store(tmp_ / "file" / "blobs");
  { std::ofstream(tmp_ / "file") << "not a directory"; }
  auto address = store.Put(common::ToBytes("abc"));
  ASSERT_FALSE(address);
  EXPECT_EQ(address.error().code, ErrorCode::kUnavailable);
}

TEST_F(FsBlobStoreTest, ConcurrentPutsAndGets) {
  FsBlobStore store(root());
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Half the blobs are shared between threads: same address written concurrently.
        std::string content = (i % 2 == 0) ? "shared " + std::to_string(i)
                                           : "own " + std::to_string(t) + "/" + std::to_string(i);
        auto address = store.Put(common::ToBytes(content));
        if (!address) {
          ++failures[t];
          continue;
        }
        auto data = store.Get(*address);
        if (!data || common::ToString(*data) != content) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root())) {
    if (entry.is_regular_file()) {
      ++files;
      EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
    }
  }
  EXPECT_EQ(files, 13 + kThreads * 12);  // 13 shared (even i < 25), 12 own per thread
}

}  // namespace
}  // namespace sealpost::adapters::blob

namespace sealpost::adapters::blob {
namespace {

class FsBlobStoreStagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sealpost-stage-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    tmp_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(tmp_, ec);
  }
  std::filesystem::path tmp_;
};

TEST_F(FsBlobStoreStagingTest, StagedBlobIsReadableAtOnceAndSyncedOnDemand) {
  FsBlobStore store(tmp_ / "blobs");
  auto staged = store.Stage(common::ToBytes("abc"));
  ASSERT_TRUE(staged) << staged.error().ToString();
  EXPECT_EQ(*staged, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto data = store.Get(*staged);
  ASSERT_TRUE(data);
  EXPECT_EQ(common::ToString(*data), "abc");
  EXPECT_TRUE(store.SyncStaged().has_value());
  EXPECT_TRUE(store.SyncStaged().has_value());  // nothing left to sync
}

TEST_F(FsBlobStoreStagingTest, SyncFailsWhenAStagedBlobVanishedBeforeItWasDurable) {
  // A commit must not refer to content that may not be on disk: the sync reports the loss.
  FsBlobStore store(tmp_ / "blobs");
  auto staged = store.Stage(common::ToBytes("lost before sync"));
  ASSERT_TRUE(staged);
  std::filesystem::remove(store.PathOf(*staged));
  auto synced = store.SyncStaged();
  ASSERT_FALSE(synced.has_value());
  EXPECT_EQ(synced.error().code, common::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sealpost::adapters::blob
