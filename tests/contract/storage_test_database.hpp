// StorageTestDatabase: a fresh, empty database for one contract test, on SQLite (a file in a new
// temp directory) or PostgreSQL (a new database with a random name on the server of
// SEALPOST_TEST_POSTGRES_URL, dropped afterwards). Not thread-safe; one per test.
#pragma once

#include <memory>
#include <string>

#include "adapters/storage/soci_database.hpp"

namespace sealpost::testing {

enum class StorageBackend { kSqlite, kPostgresql };

class StorageTestDatabase {
 public:
  // Empty url() when the backend is not available; `skip_reason` then says why (and whether that is
  // allowed: see PostgresRequired()).
  explicit StorageTestDatabase(StorageBackend backend);
  ~StorageTestDatabase();
  StorageTestDatabase(const StorageTestDatabase&) = delete;
  StorageTestDatabase& operator=(const StorageTestDatabase&) = delete;

  const std::string& url() const { return url_; }
  const std::string& unavailable_reason() const { return unavailable_reason_; }

 private:
  StorageBackend backend_;
  std::string url_;
  std::string unavailable_reason_;
  std::string directory_;      // SQLite
  std::string maintenance_;    // PostgreSQL: connection string of the server's base database
  std::string database_name_;  // PostgreSQL
};

// False when SEALPOST_ALLOW_NO_POSTGRES=1: PostgreSQL tests may then be skipped.
bool PostgresRequired();

}  // namespace sealpost::testing
