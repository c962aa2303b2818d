#include "adapters/storage/migration_runner.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

// Any constant works; it only has to be the same for every sealpost process.
constexpr const char* kPostgresLock = "SELECT pg_advisory_xact_lock(5633291477384721)";

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

int MaxVersion(soci::session& session) {
  int version = 0;
  soci::indicator ind = soci::i_ok;
  session << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_null ? 0 : version;
}

}  // namespace

std::vector<std::string> SplitSqlStatements(std::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  bool in_quote = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (in_quote) {
      current += c;
      if (c == '\'') in_quote = false;  // '' (an escaped quote) re-enters on the next character
    } else if (c == '\'') {
      in_quote = true;
      current += c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      current += '\n';
    } else if (c == ';') {
      if (!IsBlank(current)) statements.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!IsBlank(current)) statements.push_back(current);
  return statements;
}

common::Result<int> CurrentSchemaVersion(soci::session& session) {
  return Guarded("schema version", [&]() -> common::Result<int> { return MaxVersion(session); });
}

common::Result<int> ApplyMigrations(soci::session& session, SqlBackend backend,
                                    const std::vector<Migration>& migrations,
                                    common::TimePoint now) {
  return Guarded("apply migrations", [&]() -> common::Result<int> {
    session << (backend == SqlBackend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      if (backend == SqlBackend::kPostgresql) session << kPostgresLock;
      session << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                 "applied_at BIGINT NOT NULL)";
      int version = MaxVersion(session);
      const int known = migrations.empty() ? 0 : migrations.back().version;
      if (version > known) {
        session << "ROLLBACK";
        return common::Fail(common::ErrorCode::kFailedPrecondition,
                            "database schema version " + std::to_string(version) +
                                " is newer than this sealpost knows (" + std::to_string(known) +
                                ")");
      }
      const long long applied_at = ToMicros(now);
      for (const Migration& migration : migrations) {
        if (migration.version <= version) continue;
        for (const std::string& statement : SplitSqlStatements(migration.sql)) session << statement;
        session
            << "INSERT INTO schema_migrations (version, applied_at) VALUES (:version, :applied_at)",
            soci::use(migration.version, "version"), soci::use(applied_at, "applied_at");
        version = migration.version;
      }
      session << "COMMIT";
      return version;
    } catch (...) {
      try {
        session << "ROLLBACK";
      } catch (...) {
        // Keep the original error.
      }
      throw;
    }
  });
}

}  // namespace sealpost::adapters::storage
