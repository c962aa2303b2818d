#include "adapters/storage/soci_database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>

#include "adapters/storage/migration_runner.hpp"
#include "adapters/storage/migrations.hpp"
#include "adapters/storage/soci_connection_pool.hpp"
#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_unit_of_work.hpp"

namespace sealpost::adapters::storage {

namespace {

constexpr std::chrono::seconds kAcquireTimeout{30};

struct Target {
  SqlBackend backend = SqlBackend::kSqlite;
  std::string connect_string;  // for SOCI; may hold a password: never put it in an error message
};

// "postgresql://user@host:port/db?opt=x" → "user='user' host='host' port='port' dbname='db'
// opt='x'".
common::Result<std::string> UriToKeywords(const std::string& uri) {
  std::string libpq_uri = uri;
  if (libpq_uri.starts_with("postgres://")) libpq_uri = "postgresql://" + libpq_uri.substr(11);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(libpq_uri.c_str(), &error);
  if (options == nullptr) {
    // libpq's message may quote the URI, which can hold a password: keep it out.
    PQfreemem(error);
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "database url: not a valid postgresql:// URI");
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    std::string value;
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\'' || *c == '\\') value.push_back('\\');
      value.push_back(*c);
    }
    if (!out.empty()) out.push_back(' ');
    out += std::string(o->keyword) + "='" + value + "'";
  }
  PQconninfoFree(options);
  return out;
}

common::Result<Target> ParseUrl(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    const std::string path = url.substr(kSqlite.size());
    if (path.empty())
      return common::Fail(common::ErrorCode::kInvalidArgument, "database url: empty sqlite path");
    if (path.find('"') != std::string::npos) {
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "database url: sqlite path contains a quote");
    }
    // SOCI reads "key=value" pairs when the string contains '='; quote such paths (and ones with
    // spaces).
    const bool plain = path.find_first_of("= \t") == std::string::npos;
    return Target{SqlBackend::kSqlite, plain ? path : "db=\"" + path + "\""};
  }
  for (std::string_view prefix : {"postgresql:", "postgres:"}) {
    if (!url.starts_with(prefix)) continue;
    // SOCI 4.0.3 rewrites the string it gets, which breaks libpq URIs: hand it keywords instead.
    std::string rest = url.substr(prefix.size());
    if (rest.starts_with("//")) {
      auto keywords = UriToKeywords(url);
      if (!keywords) return common::Fail(std::move(keywords.error()));
      return Target{SqlBackend::kPostgresql, *keywords};
    }
    if (rest.empty())
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "database url: empty postgresql connection string");
    return Target{SqlBackend::kPostgresql, rest};
  }
  return common::Fail(
      common::ErrorCode::kInvalidArgument,
      "database url: expected sqlite:PATH or postgresql://… / postgresql:KEY=VALUE …");
}

std::unique_ptr<soci::session> Connect(const Target& target) {
  if (target.backend == SqlBackend::kSqlite) {
    auto session = std::make_unique<soci::session>(*soci::factory_sqlite3(), target.connect_string);
    // busy_timeout first, so that switching to WAL waits for other connections instead of failing.
    *session << "PRAGMA busy_timeout = 5000";
    std::string mode;
    *session << "PRAGMA journal_mode = WAL", soci::into(mode);
    *session << "PRAGMA synchronous = FULL";
    *session << "PRAGMA foreign_keys = ON";
    return session;
  }
  return std::make_unique<soci::session>(*soci::factory_postgresql(), target.connect_string);
}

}  // namespace

SociDatabase::SociDatabase(SqlBackend backend, std::shared_ptr<SociConnectionPool> pool)
    : backend_(backend), pool_(std::move(pool)) {}

SociDatabase::~SociDatabase() = default;

common::Result<std::unique_ptr<SociDatabase>> SociDatabase::Open(const std::string& url,
                                                                 std::size_t pool_size) {
  auto target = ParseUrl(url);
  if (!target) return common::Fail(std::move(target.error()));
  std::size_t size = pool_size == 0 ? 1 : pool_size;
  // Every connection to ":memory:" is a separate empty database.
  if (target->backend == SqlBackend::kSqlite && target->connect_string == ":memory:") size = 1;
  auto pool = std::make_shared<SociConnectionPool>(
      [target = *target] { return Connect(target); }, size,
      std::chrono::duration_cast<std::chrono::milliseconds>(kAcquireTimeout));
  auto session = pool->Acquire();
  if (!session) return common::Fail(std::move(session.error()));
  const auto& migrations =
      target->backend == SqlBackend::kSqlite ? SqliteMigrations() : PostgresqlMigrations();
  auto migrated =
      ApplyMigrations(**session, target->backend, migrations, common::SystemClock().Now());
  pool->Release(std::move(*session), migrated.has_value());
  if (!migrated) return common::Fail(std::move(migrated.error()));
  return std::unique_ptr<SociDatabase>(new SociDatabase(target->backend, std::move(pool)));
}

common::Result<std::unique_ptr<app::UnitOfWork>> SociDatabase::Begin() {
  // SQLite: take the write lock now. A deferred transaction that reads and then writes fails at
  // once (SQLITE_BUSY_SNAPSHOT, no busy wait) when another connection wrote in between.
  auto unit =
      SociUnitOfWork::Begin(pool_, backend_ == SqlBackend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!unit) return common::Fail(std::move(unit.error()));
  return std::unique_ptr<app::UnitOfWork>(std::move(*unit));
}

common::Result<std::unique_ptr<app::UnitOfWork>> SociDatabase::BeginReadOnly() {
  auto unit = SociUnitOfWork::Begin(pool_, "BEGIN");
  if (!unit) return common::Fail(std::move(unit.error()));
  return std::unique_ptr<app::UnitOfWork>(std::move(*unit));
}

common::Result<int> SociDatabase::SchemaVersion() {
  auto session = pool_->Acquire();
  if (!session) return common::Fail(std::move(session.error()));
  auto version = CurrentSchemaVersion(**session);
  pool_->Release(std::move(*session), version.has_value());
  return version;
}

}  // namespace sealpost::adapters::storage
