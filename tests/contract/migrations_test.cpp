// The embedded migrations must be exactly the .sql files under migrations/ (the source of truth),
// and every .sql file must be embedded, so that the two cannot drift apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "adapters/storage/migration_runner.hpp"
#include "adapters/storage/migrations.hpp"

namespace sealpost::testing {
namespace {

using adapters::storage::Migration;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void ExpectEmbeddedEqualsFiles(const std::string& dialect, const std::vector<Migration>& embedded) {
  const std::filesystem::path dir =
      std::filesystem::path(SEALPOST_SOURCE_DIR) / "migrations" / dialect;
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") files.insert(entry.path().filename().string());
  }
  std::set<std::string> names;
  int previous = 0;
  for (const Migration& migration : embedded) {
    names.insert(std::string(migration.file_name));
    EXPECT_GT(migration.version, previous) << "versions must ascend";
    previous = migration.version;
    EXPECT_EQ(std::stoi(std::string(migration.file_name.substr(0, 4))), migration.version)
        << migration.file_name;
    const std::string text = ReadFile(dir / std::string(migration.file_name));
    EXPECT_EQ(std::string(migration.sql), text)
        << dialect << "/" << migration.file_name
        << " differs from its embedded copy in src/adapters/storage/";
  }
  EXPECT_EQ(names, files) << "every migrations/" << dialect
                          << "/*.sql must be embedded, and only those";
}

TEST(Migrations, SqliteEmbeddedEqualsFiles) {
  ExpectEmbeddedEqualsFiles("sqlite", adapters::storage::SqliteMigrations());
}

TEST(Migrations, PostgresqlEmbeddedEqualsFiles) {
  ExpectEmbeddedEqualsFiles("postgresql", adapters::storage::PostgresqlMigrations());
}

TEST(Migrations, BothDialectsHaveTheSameVersions) {
  const auto& sqlite = adapters::storage::SqliteMigrations();
  const auto& postgresql = adapters::storage::PostgresqlMigrations();
  ASSERT_EQ(sqlite.size(), postgresql.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, postgresql[i].version);
    EXPECT_EQ(sqlite[i].file_name, postgresql[i].file_name);
  }
}

TEST(Migrations, SplitSqlStatements) {
  const auto statements = adapters::storage::SplitSqlStatements(
      "-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT 'x;y'); -- trailing\n\n"
      "CREATE INDEX b ON a (x);\n  \n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_NE(statements[0].find("'x;y'"), std::string::npos);
  EXPECT_EQ(statements[0].find("comment"), std::string::npos);
  EXPECT_NE(statements[1].find("CREATE INDEX b"), std::string::npos);
}

}  // namespace
}  // namespace sealpost::testing
