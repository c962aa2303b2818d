// Conversion of SOCI/SQLite/libpq exceptions into common::Error values, so that no database
// exception leaves the storage adapter. Pure functions over the exception object; thread-safe.
#pragma once

#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/result.hpp"

namespace sealpost::adapters::storage {

// Unique/primary-key violations and serialization failures → kConflict; lost or refused
// connections, busy/locked databases and full disks → kUnavailable; anything else → kInternal. The
// message is `context` plus the first line of the database's own message only: later lines
// (PostgreSQL's DETAIL, SOCI's context) may quote row values, which must not end up in logs or
// responses.
common::Error SociError(const std::exception& error, std::string_view context);

// Runs `body` (returning Result<T>) and converts any exception it throws with SociError.
template <typename F>
auto Guarded(std::string_view context, F&& body) -> std::invoke_result_t<F&> {
  try {
    return body();
  } catch (const std::exception& error) {
    return common::Fail(SociError(error, context));
  }
}

}  // namespace sealpost::adapters::storage
