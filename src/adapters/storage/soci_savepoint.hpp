// Statement-level atomicity inside a UnitOfWork. On PostgreSQL a failed statement aborts the whole
// transaction, on SQLite it does not; wrapping each write in a SAVEPOINT makes both behave like
// SQLite: an expected failure (kConflict on a duplicate) undoes only that write and the UnitOfWork
// stays usable. Used by one thread at a time, like the session it wraps.
#pragma once

#include <soci/session.h>

#include <string>
#include <string_view>

#include "adapters/storage/soci_error.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::storage {

// Runs `body` (returning Result<void>, possibly throwing SOCI exceptions) between SAVEPOINT and
// RELEASE; rolls back to the savepoint when it fails either way.
// The session whose isolated change (UnitOfWork::Isolated) this thread is running, if any. Inside
// it a failing write fails the whole isolated change, which is undone as one, so single writes need
// no savepoint of their own: that saves two statements per write on the group-commit path.
inline thread_local const soci::session* isolated_session = nullptr;

// `name` must be a plain SQL identifier; savepoints of the same name nest (the innermost wins).
template <typename F>
common::Result<void> WithSavepoint(soci::session& session, std::string_view context, F&& body,
                                   std::string_view name = "sealpost_write") {
  const bool covered = isolated_session == &session && name == "sealpost_write";
  if (covered) return Guarded(context, [&]() -> common::Result<void> { return body(); });
  return Guarded(context, [&]() -> common::Result<void> {
    const std::string savepoint(name);
    session << "SAVEPOINT " + savepoint;
    const auto undo = [&session, &savepoint] {
      session << "ROLLBACK TO SAVEPOINT " + savepoint;
      session << "RELEASE SAVEPOINT " + savepoint;
    };
    common::Result<void> result;
    try {
      result = body();
    } catch (...) {
      try {
        undo();
      } catch (...) {
        // The original error says more than a failed cleanup on a broken connection.
      }
      throw;
    }
    if (result) {
      session << "RELEASE SAVEPOINT " + savepoint;
    } else {
      undo();
    }
    return result;
  });
}

}  // namespace sealpost::adapters::storage
