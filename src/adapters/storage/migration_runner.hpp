// Applies the embedded schema migrations to a database: every migration whose version is above the
// highest one recorded in schema_migrations(version, applied_at) runs, in order, inside ONE
// transaction together with its bookkeeping row, so a failed upgrade leaves the schema as it was.
// Concurrent openers are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped
// advisory lock). Stateless functions over a session the caller owns; not thread-safe per session.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/storage/migrations.hpp"
#include "adapters/storage/sql_backend.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

// Returns the schema version after migrating. kFailedPrecondition when the database is at a version
// newer than this binary knows (a downgrade), which must not be written to.
common::Result<int> ApplyMigrations(soci::session& session, SqlBackend backend,
                                    const std::vector<Migration>& migrations,
                                    common::TimePoint now);

// The highest applied version, 0 for an empty database.
common::Result<int> CurrentSchemaVersion(soci::session& session);

// Splits a migration into statements at ';' outside quotes, dropping "--" comments and blank
// statements. (Drivers execute one statement per call.)
std::vector<std::string> SplitSqlStatements(std::string_view sql);

}  // namespace sealpost::adapters::storage
