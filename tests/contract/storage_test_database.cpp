#include "storage_test_database.hpp"

#include <postgresql/libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace sealpost::testing {

namespace {

std::string RandomSuffix() {
  std::random_device device;
  std::mt19937_64 engine(device());
  const char* digits = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) out += digits[engine() % 16];
  return out;
}

// Runs one statement on a fresh connection; returns an error message or "".
std::string Execute(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  return error;
}

// `base` with its dbname replaced, as a keyword=value string (libpq parses URIs and keyword strings
// alike).
std::string WithDatabase(const std::string& base, const std::string& dbname) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(base.c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? error : "invalid connection string";
    PQfreemem(error);
    throw std::runtime_error("SEALPOST_TEST_POSTGRES_URL: " + message);
  }
  std::string out;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr || std::string(option->keyword) == "dbname") continue;
    out += std::string(option->keyword) + "='";
    for (const char* c = option->val; *c; ++c) {
      if (*c == '\'' || *c == '\\') out += '\\';
      out += *c;
    }
    out += "' ";
  }
  PQconninfoFree(options);
  return out + "dbname='" + dbname + "'";
}

}  // namespace

bool PostgresRequired() {
  const char* allow = std::getenv("SEALPOST_ALLOW_NO_POSTGRES");
  return !(allow && std::string(allow) == "1");
}

StorageTestDatabase::StorageTestDatabase(StorageBackend backend) : backend_(backend) {
  if (backend_ == StorageBackend::kSqlite) {
    directory_ =
        (std::filesystem::temp_directory_path() / ("sealpost-storage-" + RandomSuffix())).string();
    std::filesystem::create_directories(directory_);
    url_ = "sqlite:" + directory_ + "/sealpost.db";
    return;
  }
  const char* base = std::getenv("SEALPOST_TEST_POSTGRES_URL");
  if (base == nullptr || *base == '\0') {
    unavailable_reason_ =
        "SEALPOST_TEST_POSTGRES_URL is not set: start a server with "
        "`URL=$(scripts/postgres-test-cluster.sh "
        "start /tmp/pgtest)` and export SEALPOST_TEST_POSTGRES_URL=$URL (or set "
        "SEALPOST_ALLOW_NO_POSTGRES=1 "
        "to skip the PostgreSQL contract tests)";
    return;
  }
  maintenance_ = base;
  database_name_ = "sealpost_t_" + RandomSuffix();
  const std::string error = Execute(maintenance_, "CREATE DATABASE " + database_name_);
  if (!error.empty()) {
    unavailable_reason_ = "cannot create a test database on SEALPOST_TEST_POSTGRES_URL: " + error;
    database_name_.clear();
    return;
  }
  url_ = "postgresql:" + WithDatabase(maintenance_, database_name_);
}

StorageTestDatabase::~StorageTestDatabase() {
  if (backend_ == StorageBackend::kSqlite && !directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  if (!database_name_.empty()) {
    (void)Execute(maintenance_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
  }
}

}  // namespace sealpost::testing
