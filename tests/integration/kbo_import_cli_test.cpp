// `sealpost kbo import DIR` on a small extract in the open data's own format (quoted fields, CRLF,
// a name with a line break, an establishment, other denomination and address types, bad rows):
// the binary imports what is good, names each bad row with its file and line, and gives the same
// result when run again; the monthly update's delete and insert files then apply.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/storage/soci_database.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path kExtracts =
    std::filesystem::path(SEALPOST_SOURCE_DIR) / "tests/integration/testdata/kbo";

class KboImportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "sealpost-kbo-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  CommandResult Import(const std::filesystem::path& extract) {
    return RunCommand(std::string(SEALPOST_BINARY) + " kbo import " + ShellQuote(extract.string()) +
                      " --demo --data " + ShellQuote(dir_.string()) + " --batch 2 2>&1");
  }
  std::optional<app::KboRecord> Find(const std::string& number) {
    auto database =
        adapters::storage::SociDatabase::Open("sqlite:" + (dir_ / "sealpost.db").string(), 1);
    EXPECT_TRUE(database) << database.error().ToString();
    if (!database) return std::nullopt;
    auto unit = (*database)->Begin();
    EXPECT_TRUE(unit);
    auto found = (*unit)->Kbo().Find(number);
    EXPECT_TRUE(found) << found.error().ToString();
    return found ? *found : std::nullopt;
  }
  std::filesystem::path dir_;
};

TEST_F(KboImportCliTest, ImportsTheGoodRowsReportsTheBadOnesAndCanRunAgain) {
  for (int run = 1; run <= 2; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    CommandResult r = Import(kExtracts / "full");
    EXPECT_EQ(r.exit_code, 1) << "bad rows make the exit code 1\n" << r.output;
    EXPECT_THAT(r.output,
                HasSubstr("enterprise.csv:5: invalid enterprise number \"0403.019.262\""));
    EXPECT_THAT(r.output, HasSubstr("enterprise.csv:6: unterminated quoted field"));
    EXPECT_THAT(r.output, HasSubstr("enterprise.csv: 5 rows, 3 imported, 0 skipped"));
    EXPECT_THAT(r.output, HasSubstr("denomination.csv: 7 rows, 4 imported, 3 skipped"));
    EXPECT_THAT(r.output, HasSubstr("address.csv: 4 rows, 3 imported, 1 skipped"));
  }
  auto anker = Find("0403019261");
  ASSERT_TRUE(anker);
  EXPECT_EQ(anker->enterprise.juridical_form, "014");
  EXPECT_EQ(anker->enterprise.start_date, "1960-08-09");
  EXPECT_EQ(anker->name, "Brouwerij Het Anker, Van Damme & Zonen");
  EXPECT_EQ(anker->name_fr, "Brasserie L'Ancre, Van Damme & Fils");
  EXPECT_EQ(anker->address.street_nl, "Guido Gezellelaan");
  EXPECT_EQ(anker->address.municipality_fr, "Malines");

  auto fournil = Find("0566988259");
  ASSERT_TRUE(fournil);
  EXPECT_EQ(fournil->name, "Boulangerie \"Le Fournil\" SRL");
  EXPECT_EQ(fournil->address.box, "b2");

  auto drukkerij = Find("0428759497");
  ASSERT_TRUE(drukkerij);
  EXPECT_EQ(drukkerij->name, "Drukkerij Peeters\nAntwerpen NV");
  EXPECT_EQ(drukkerij->address.street_fr, "Chaussée de Malines") << "the REGO address, not BAET";

  EXPECT_FALSE(Find("0403019262"));
  EXPECT_FALSE(Find("0417497106")) << "its row was malformed";
}

TEST_F(KboImportCliTest, AppliesTheMonthlyUpdate) {
  Import(kExtracts / "full");
  CommandResult r = Import(kExtracts / "update");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("enterprise_delete.csv: 1 rows, 1 imported"));
  EXPECT_FALSE(Find("0428759497"));
  auto fournil = Find("0566988259");
  ASSERT_TRUE(fournil);
  EXPECT_EQ(fournil->name, "Le Fournil SRL");
  EXPECT_EQ(fournil->address.street_fr, "Rue de la Loi");
}

TEST_F(KboImportCliTest, RefusesADirectoryWithoutKboFiles) {
  CommandResult r = Import(dir_);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, HasSubstr("no KBO open data files"));
  CommandResult missing = Import(dir_ / "missing");
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_THAT(missing.output, Not(HasSubstr("imported")));
}

}  // namespace
}  // namespace sealpost::integration
