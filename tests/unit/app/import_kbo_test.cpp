// ImportKbo over an in-memory extract (rows as the CSV reader would return them) and a real SQLite
// database.
#include "app/usecases/import_kbo.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "adapters/storage/soci_database.hpp"

namespace sealpost::app {
namespace {

using Row = std::vector<std::string>;

// A file of the extract: its records in order; a record whose first field is "!malformed" stands
// for a record the CSV reader could not parse.
class FakeRows final : public CsvRows {
 public:
  explicit FakeRows(std::vector<Row> rows) : rows_(std::move(rows)) {}
  common::Result<bool> Next(CsvRecord& record) override {
    if (next_ >= rows_.size()) return false;
    record.line = next_ + 1;
    record.fields = rows_[next_++];
    if (!record.fields.empty() && record.fields[0] == "!malformed") {
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "line " + std::to_string(record.line) + ": unterminated quoted field");
    }
    return true;
  }

 private:
  std::vector<Row> rows_;
  std::size_t next_ = 0;
};

class FakeExtract final : public KboExtract {
 public:
  std::map<std::string, std::vector<Row>, std::less<>> files;
  common::Result<std::unique_ptr<CsvRows>> Open(std::string_view name) override {
    auto it = files.find(name);
    if (it == files.end()) return common::Fail(common::ErrorCode::kNotFound, "no such file");
    return std::unique_ptr<CsvRows>(std::make_unique<FakeRows>(it->second));
  }
};

const Row kEnterpriseHeader{"EnterpriseNumber", "Status",        "JuridicalSituation",
                            "TypeOfEnterprise", "JuridicalForm", "JuridicalFormCAC",
                            "StartDate"};
const Row kDenominationHeader{"EntityNumber", "Language", "TypeOfDenomination", "Denomination"};
const Row kAddressHeader{
    "EntityNumber",   "TypeOfAddress", "CountryNL", "CountryFR",   "Zipcode", "MunicipalityNL",
    "MunicipalityFR", "StreetNL",      "StreetFR",  "HouseNumber", "Box",     "ExtraAddressInfo",
    "DateStrikingOff"};

FakeExtract FullExtract() {
  FakeExtract e;
  e.files["enterprise.csv"] = {
      kEnterpriseHeader,
      {"0403.019.261", "AC", "000", "2", "014", "", "09-08-1960"},
      {"0566.988.259", "AC", "000", "2", "610", "", "01-01-2015"},
      {"0403.019.262", "AC", "000", "2", "014", "", "09-08-1960"},  // wrong check digits
      {"0428.759.497", "AC", "000", "2", "015", "", "1985-03-12"},  // ISO date: not KBO's format
      {"0428.759.497", "AC", "000"},                                // too few fields
  };
  e.files["denomination.csv"] = {
      kDenominationHeader,
      {"0403.019.261", "2", "001", "Generale Maatschappij van België"},
      {"0403.019.261", "1", "001", "Société Générale de Belgique"},
      {"0403.019.261", "2", "002", "GMB"},              // an abbreviation: not the legal name
      {"2.123.456.789", "2", "001", "Vestiging Gent"},  // an establishment unit
      {"!malformed"},
      {"0566.988.259", "2", "001", "Bakkerij Janssens"},
  };
  e.files["address.csv"] = {
      kAddressHeader,
      {"0403.019.261", "REGO", "", "", "1000", "Brussel", "Bruxelles", "Warandeberg",
       "Montagne du Parc", "3", "", "", ""},
      {"0566.988.259", "BAET", "", "", "9000", "Gent", "Gand", "Veldstraat", "Veldstraat", "1", "",
       "", ""},
  };
  return e;
}

class ImportKboTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sealpost_import_kbo_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = adapters::storage::SociDatabase::Open("sqlite:" + (dir_ / "k.db").string(), 2);
    ASSERT_TRUE(opened) << opened.error().ToString();
    database_ = std::move(*opened);
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }

  common::Result<KboImportSummary> Import(FakeExtract& extract, KboImportOptions options = {}) {
    ImportKbo import(
        *database_, options, [this](const KboFileSummary& s) { progress_.push_back(s); },
        [this](const KboRowProblem& p) { problems_.push_back(p); });
    return import.Run(extract);
  }

  std::optional<KboRecord> Find(const std::string& number) {
    auto unit = database_->BeginReadOnly();
    EXPECT_TRUE(unit);
    auto found = (*unit)->Kbo().Find(number);
    EXPECT_TRUE(found);
    return found ? *found : std::nullopt;
  }

  std::filesystem::path dir_;
  std::unique_ptr<adapters::storage::SociDatabase> database_;
  std::vector<KboFileSummary> progress_;
  std::vector<KboRowProblem> problems_;
};

TEST_F(ImportKboTest, ImportsEnterprisesWithTheirLegalNameAndRegisteredOffice) {
  FakeExtract extract = FullExtract();
  auto summary = Import(extract);
  ASSERT_TRUE(summary) << summary.error().ToString();

  auto gmb = Find("0403019261");
  ASSERT_TRUE(gmb);
  EXPECT_EQ(gmb->enterprise.status, "AC");
  EXPECT_EQ(gmb->enterprise.juridical_form, "014");
  EXPECT_EQ(gmb->enterprise.start_date, "1960-08-09");
  EXPECT_EQ(gmb->name, "Generale Maatschappij van België");
  EXPECT_EQ(gmb->name_language, "nl");
  EXPECT_EQ(gmb->name_fr, "Société Générale de Belgique");
  EXPECT_EQ(gmb->address.street_fr, "Montagne du Parc");
  EXPECT_EQ(gmb->address.zipcode, "1000");

  auto bakery = Find("0566988259");
  ASSERT_TRUE(bakery);
  EXPECT_EQ(bakery->name, "Bakkerij Janssens");
  EXPECT_EQ(bakery->address.zipcode, "") << "only the registered office (REGO) is kept";
  EXPECT_FALSE(Find("0428759497")) << "its only rows were bad";

  ASSERT_EQ(summary->files.size(), 3u);
  EXPECT_EQ(summary->files[0].file, "enterprise.csv");
  EXPECT_EQ(summary->files[0].rows, 5u);
  EXPECT_EQ(summary->files[0].written, 2u);
  EXPECT_EQ(summary->files[0].bad, 3u);
  EXPECT_EQ(summary->files[1].file, "denomination.csv");
  EXPECT_EQ(summary->files[1].written, 3u);
  EXPECT_EQ(summary->files[1].skipped, 2u);
  EXPECT_EQ(summary->files[1].bad, 1u);
  EXPECT_EQ(summary->files[2].written, 1u);
  EXPECT_EQ(summary->files[2].skipped, 1u);
  EXPECT_EQ(summary->bad_rows, 4u);
}

TEST_F(ImportKboTest, ReportsEachBadRowWithItsFileAndLine) {
  FakeExtract extract = FullExtract();
  ASSERT_TRUE(Import(extract));
  ASSERT_EQ(problems_.size(), 4u);
  EXPECT_EQ(problems_[0].file, "enterprise.csv");
  EXPECT_EQ(problems_[0].line, 4u);
  EXPECT_NE(problems_[0].message.find("invalid enterprise number"), std::string::npos);
  EXPECT_EQ(problems_[1].line, 5u);
  EXPECT_NE(problems_[1].message.find("invalid start date \"1985-03-12\""), std::string::npos);
  EXPECT_EQ(problems_[2].line, 6u);
  EXPECT_EQ(problems_[2].message, "3 fields, the header has 7");
  EXPECT_EQ(problems_[3].file, "denomination.csv");
  EXPECT_EQ(problems_[3].line, 6u);
  EXPECT_EQ(problems_[3].message, "unterminated quoted field");
}

TEST_F(ImportKboTest, FindsColumnsByNameWhateverTheirOrder) {
  FakeExtract extract;
  extract.files["enterprise.csv"] = {
      {"StartDate", "JuridicalForm", "Status", "TypeOfEnterprise", "JuridicalSituation",
       "EnterpriseNumber"},
      {"12-03-1985", "015", "AC", "2", "000", "0428759497"},
  };
  ASSERT_TRUE(Import(extract));
  auto r = Find("0428759497");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->enterprise.start_date, "1985-03-12");
  EXPECT_EQ(r->enterprise.juridical_form, "015");
}

TEST_F(ImportKboTest, WritesInBatchesAndReportsProgress) {
  FakeExtract extract;
  std::vector<Row> rows{kEnterpriseHeader};
  // Valid numbers: 8 digits then 97 - (8 digits mod 97).
  for (int i = 0; i < 25; ++i) {
    const long base = 4030192 + i;
    const long check = 97 - base % 97;
    char number[16];
    std::snprintf(number, sizeof number, "%08ld%02ld", base, check);
    rows.push_back({number, "AC", "000", "2", "014", "", "09-08-1960"});
  }
  extract.files["enterprise.csv"] = rows;
  auto summary = Import(extract, KboImportOptions{.batch_rows = 4, .progress_every = 10});
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->files[0].written, 25u);
  ASSERT_EQ(progress_.size(), 2u);
  EXPECT_EQ(progress_[0].rows, 10u);
  EXPECT_EQ(progress_[1].rows, 20u);
  EXPECT_GE(progress_[1].written, 16u) << "batches were committed while reading";
}

TEST_F(ImportKboTest, IsRerunnableAndAppliesTheMonthlyUpdate) {
  FakeExtract full = FullExtract();
  ASSERT_TRUE(Import(full));
  ASSERT_TRUE(Import(full));
  EXPECT_EQ(Find("0403019261")->name, "Generale Maatschappij van België");

  FakeExtract update;
  update.files["enterprise_delete.csv"] = {{"EnterpriseNumber"}, {"0566.988.259"}};
  update.files["denomination_delete.csv"] = {{"EntityNumber"}, {"0403.019.261"}};
  update.files["denomination_insert.csv"] = {kDenominationHeader,
                                             {"0403.019.261", "1", "001", "Société Générale SA"}};
  update.files["enterprise_insert.csv"] = {
      kEnterpriseHeader, {"0428.759.497", "AC", "000", "2", "015", "", "12-03-1985"}};
  auto summary = Import(update);
  ASSERT_TRUE(summary) << summary.error().ToString();
  ASSERT_EQ(summary->files.size(), 4u);
  EXPECT_EQ(summary->files[0].file, "enterprise_delete.csv") << "deletes come first";

  EXPECT_FALSE(Find("0566988259"));
  auto renamed = Find("0403019261");
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->name, "Société Générale SA");
  EXPECT_EQ(renamed->name_nl, "");
  EXPECT_EQ(renamed->address.street_nl, "Warandeberg") << "the address was not in the update";
  EXPECT_TRUE(Find("0428759497"));
}

TEST_F(ImportKboTest, RefusesAFileWithoutAColumnItNeeds) {
  FakeExtract extract;
  extract.files["denomination.csv"] = {{"EntityNumber", "Language", "Denomination"}};
  auto summary = Import(extract);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, common::ErrorCode::kInvalidArgument);
  EXPECT_EQ(summary.error().message, "denomination.csv has no column TypeOfDenomination");
}

TEST_F(ImportKboTest, SaysSoWhenTheDirectoryHoldsNoKboFile) {
  FakeExtract empty;
  empty.files["code.csv"] = {{"Category", "Code"}};
  auto summary = Import(empty);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, common::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sealpost::app
