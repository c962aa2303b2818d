// SociDatabase: app::Database on SQLite or PostgreSQL through SOCI, with a connection pool and the
// schema migrated at open time. Thread-safe: Begin() may be called from any thread; each UnitOfWork
// holds one pooled connection until it is destroyed.
//
// Transactions run at the backend's default isolation (PostgreSQL: READ COMMITTED). On SQLite a
// UnitOfWork that may write begins IMMEDIATE (it waits for the write lock up front, so reading
// then writing never fails because another connection committed in between); read-only ones
// begin deferred and read beside the one writer (WAL mode).
// Correctness under concurrent writers does not rely on isolation anyway: deliveries use optimistic
// versions, the log relies on its primary key, inserts on unique keys. busy_timeout=5000 makes
// SQLite wait for a lock instead of failing; a lock still held after that is kUnavailable.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "adapters/storage/sql_backend.hpp"
#include "app/ports/database.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::storage {

class SociConnectionPool;

class SociDatabase final : public app::Database {
 public:
  // `url` is "sqlite:/path/to/file.db" or a libpq connection string prefixed by "postgresql:" or
  // "postgres:" — a URI ("postgresql://user@host:port/db") or keywords after the prefix
  // ("postgresql:dbname=x host=y port=5432"). Opens one connection (more on demand, up to
  // pool_size), and applies pending migrations. kInvalidArgument for a malformed url, kUnavailable
  // when the database cannot be reached, kFailedPrecondition when its schema is newer than this
  // binary. SQLite connections use journal_mode=WAL, synchronous=FULL, foreign_keys=ON,
  // busy_timeout=5000.
  static common::Result<std::unique_ptr<SociDatabase>> Open(const std::string& url,
                                                            std::size_t pool_size);

  ~SociDatabase() override;

  common::Result<std::unique_ptr<app::UnitOfWork>> Begin() override;
  common::Result<std::unique_ptr<app::UnitOfWork>> BeginReadOnly() override;

  SqlBackend backend() const { return backend_; }
  // The highest applied migration version.
  common::Result<int> SchemaVersion();

 private:
  SociDatabase(SqlBackend backend, std::shared_ptr<SociConnectionPool> pool);

  const SqlBackend backend_;
  // Shared with live UnitOfWorks so that one outliving the database still returns its connection.
  std::shared_ptr<SociConnectionPool> pool_;
};

}  // namespace sealpost::adapters::storage
