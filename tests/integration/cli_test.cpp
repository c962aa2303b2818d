// Bad input on the command line: a wrong configuration stops the start with a message that says
// what to change, and `sealpost verify` refuses what is not evidence. Nothing is started or
// written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "sealpost-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  CommandResult Serve(const std::string& config_text) {
    WriteFile(dir_ / "sealpost.toml", config_text);
    return RunCommand(std::string(SEALPOST_BINARY) + " serve --config " +
                      ShellQuote((dir_ / "sealpost.toml").string()) + " --data " +
                      ShellQuote((dir_ / "data").string()) + " --port 0");
  }
  std::filesystem::path dir_;
};

TEST_F(CliTest, DemoModeWithProductionKeysIsRefused) {
  CommandResult r =
      Serve("[sealpost]\ndemo = true\n[seal]\nkey_file = \"/etc/sealpost/seal-key.pem\"\n");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("demo mode cannot be combined with production keys"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "data")) << "a refused start must create nothing";
}

TEST_F(CliTest, ProductionWithoutSealKeyIsRefused) {
  CommandResult r = Serve("[server]\nport = 0\n");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("[seal] key_file is required outside demo mode"));
}

TEST_F(CliTest, MalformedConfigurationNamesTheLine) {
  CommandResult r = Serve("[server]\nport = 8080\nworker_threads = \n");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("line 3"));
}

TEST_F(CliTest, VerifyRefusesGarbageAndMissingFiles) {
  WriteFile(dir_ / "garbage.xml", "this is not evidence");
  CommandResult garbage = RunCommand(std::string(SEALPOST_BINARY) + " verify " +
                                     ShellQuote((dir_ / "garbage.xml").string()));
  EXPECT_EQ(garbage.exit_code, 1) << garbage.output;
  EXPECT_THAT(garbage.output, HasSubstr("NOT VALID"));
  CommandResult missing = RunCommand(std::string(SEALPOST_BINARY) + " verify " +
                                     ShellQuote((dir_ / "missing.zip").string()));
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

}  // namespace
}  // namespace sealpost::integration
