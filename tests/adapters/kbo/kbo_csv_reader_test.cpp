#include "adapters/kbo/kbo_csv_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace sealpost::adapters::kbo {
namespace {

using Fields = std::vector<std::string>;

struct Read {
  std::vector<app::CsvRecord> records;
  std::vector<std::string> errors;
};

Read ReadAll(app::CsvRows& rows) {
  Read out;
  app::CsvRecord record;
  for (int guard = 0; guard < 100000; ++guard) {
    auto next = rows.Next(record);
    if (!next) {
      EXPECT_EQ(next.error().code, common::ErrorCode::kInvalidArgument);
      out.errors.push_back(next.error().message);
      continue;
    }
    if (!*next) return out;
    out.records.push_back(record);
  }
  ADD_FAILURE() << "the reader never ended";
  return out;
}

Read ReadAll(std::string text) { return ReadAll(*KboCsvReader::FromString(std::move(text))); }

TEST(KboCsvReader, ReadsQuotedAndUnquotedFields) {
  Read r = ReadAll(
      "\"EnterpriseNumber\",\"Status\",\"StartDate\"\n"
      "\"0403.019.261\",\"AC\",\"09-08-1960\"\n"
      "0566.988.259,AC,01-01-2015\n");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].fields, (Fields{"EnterpriseNumber", "Status", "StartDate"}));
  EXPECT_EQ(r.records[1].fields, (Fields{"0403.019.261", "AC", "09-08-1960"}));
  EXPECT_EQ(r.records[2].fields, (Fields{"0566.988.259", "AC", "01-01-2015"}));
  EXPECT_EQ(r.records[2].line, 3u);
}

TEST(KboCsvReader, KeepsCommasQuotesAndLineBreaksInsideQuotes) {
  Read r = ReadAll(
      "\"0403.019.261\",\"Stevens, Van Dyck & \"\"Partners\"\"\",\"line one\nline two\"\n"
      "\"0566.988.259\",\"\",x\n");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields,
            (Fields{"0403.019.261", "Stevens, Van Dyck & \"Partners\"", "line one\nline two"}));
  EXPECT_EQ(r.records[1].fields, (Fields{"0566.988.259", "", "x"}));
  EXPECT_EQ(r.records[1].line, 3u) << "the embedded line break counts as a line";
}

TEST(KboCsvReader, AcceptsCrlfAndAByteOrderMark) {
  Read r = ReadAll("\xEF\xBB\xBF\"EntityNumber\",\"Language\"\r\n\"0403.019.261\",\"2\"\r\n");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields, (Fields{"EntityNumber", "Language"}));
  EXPECT_EQ(r.records[1].fields, (Fields{"0403.019.261", "2"}));
}

TEST(KboCsvReader, EmptyFieldsAndAMissingFinalLineBreak) {
  Read r = ReadAll("a,,\"\",\n\nb,c");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields, (Fields{"a", "", "", ""}));
  EXPECT_EQ(r.records[1].fields, (Fields{"b", "c"}));
  EXPECT_EQ(r.records[1].line, 3u);
}

TEST(KboCsvReader, ReportsAMalformedRecordWithItsLineAndGoesOn) {
  Read r = ReadAll(
      "\"h1\",\"h2\"\n"
      "\"ok\",\"1\"\n"
      "\"bad\"x,\"2\"\n"
      "un\"quoted,3\n"
      "\"ok again\",\"4\"\n");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "line 3: text after a closing quote");
  EXPECT_EQ(r.errors[1], "line 4: quote inside an unquoted field");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[2].fields, (Fields{"ok again", "4"}));
  EXPECT_EQ(r.records[2].line, 5u);
}

TEST(KboCsvReader, AnUnterminatedQuoteEndsTheFileWithAnError) {
  Read r = ReadAll("\"a\",\"b\nc,d\ne,f\n");
  EXPECT_EQ(r.records.size(), 0u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "line 1: unterminated quoted field");
}

TEST(KboCsvReader, RefusesInvalidUtf8) {
  Read r = ReadAll("\"Caf\xE9\",1\n\"Caf\xC3\xA9\",2\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "line 1: not valid UTF-8");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].fields[0], "Caf\xC3\xA9");
}

TEST(KboCsvReader, ReadsRecordsThatCrossItsBufferBoundaries) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "\"" + std::to_string(i) + "\",\"name, " + std::to_string(i) + "\"\r\n";
  }
  Read r = ReadAll(*KboCsvReader::FromString(text));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.records.size(), 20000u);
  EXPECT_EQ(r.records[12345].fields, (Fields{"12345", "name, 12345"}));
  EXPECT_EQ(r.records[19999].line, 20000u);
}

TEST(KboCsvReader, OpensFilesAndSaysWhenOneIsMissing) {
  const auto dir = std::filesystem::temp_directory_path() / "sealpost_kbo_reader_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "code.csv") << "\"Category\",\"Code\"\n\"Language\",\"1\"\n";
  auto reader = KboCsvReader::OpenFile(dir / "code.csv");
  ASSERT_TRUE(reader);
  Read r = ReadAll(**reader);
  EXPECT_EQ(r.records.size(), 2u);
  auto missing = KboCsvReader::OpenFile(dir / "nope.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, common::ErrorCode::kNotFound);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sealpost::adapters::kbo
