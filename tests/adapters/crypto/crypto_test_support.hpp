// Helpers shared by the crypto adapter tests: throw-away directories, files, and running the
// `openssl` command-line tool as an independent verifier.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "fakes/shell_command.hpp"

namespace sealpost::adapters::crypto::test_support {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sealpost-crypto-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    if (made == nullptr) std::abort();
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

inline void WriteFile(const std::filesystem::path& path, const common::Bytes& content) {
  WriteFile(path, common::ToString(content));
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

using sealpost::testing::CommandResult;
using sealpost::testing::RunCommand;

// A fixed, recent instant with a non-zero microsecond part, to see genTime keep its fraction.
inline common::TimePoint TestTime(int year = 2026) {
  using namespace std::chrono;
  return common::TimePoint(sys_days(std::chrono::year{year} / November / 27) + 22h + 10min +
                           microseconds(123456));
}

}  // namespace sealpost::adapters::crypto::test_support
