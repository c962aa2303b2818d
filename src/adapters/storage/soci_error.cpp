#include "adapters/storage/soci_error.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <string>

namespace sealpost::adapters::storage {

namespace {

using common::ErrorCode;

std::string FirstLine(const std::string& text) {
  const auto end = text.find_first_of("\r\n");
  return end == std::string::npos ? text : text.substr(0, end);
}

ErrorCode SqliteCode(const soci::sqlite3_soci_error& error) {
  switch (error.result() & 0xff) {  // primary result code
    case SQLITE_CONSTRAINT: {
      // One primary code for every constraint; only uniqueness means "exists already".
      const std::string message = error.get_error_message();
      if (message.find("UNIQUE") != std::string::npos ||
          message.find("PRIMARY KEY") != std::string::npos) {
        return ErrorCode::kConflict;
      }
      return ErrorCode::kInternal;
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return ErrorCode::kUnavailable;
    default:
      return ErrorCode::kInternal;
  }
}

ErrorCode PostgresCode(const soci::postgresql_soci_error& error) {
  const std::string state = error.sqlstate();
  if (state == "23505" || state == "40001" || state == "40P01") return ErrorCode::kConflict;
  // 08: connection exception, 53: insufficient resources, 57P0x: server shutting down/starting.
  if (state.starts_with("08") || state.starts_with("53") || state.starts_with("57P")) {
    return ErrorCode::kUnavailable;
  }
  if (error.get_error_category() == soci::soci_error::connection_error)
    return ErrorCode::kUnavailable;
  return ErrorCode::kInternal;
}

}  // namespace

common::Error SociError(const std::exception& error, std::string_view context) {
  ErrorCode code = ErrorCode::kInternal;
  std::string detail;
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    code = SqliteCode(*sqlite);
    detail = sqlite->get_error_message();
  } else if (const auto* postgres = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    code = PostgresCode(*postgres);
    detail = postgres->get_error_message();
  } else if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
    if (soci_error->get_error_category() == soci::soci_error::connection_error) {
      code = ErrorCode::kUnavailable;
    }
    detail = soci_error->get_error_message();
  } else {
    detail = error.what();
  }
  std::string message(context);
  message += ": ";
  message += FirstLine(detail);
  return common::Error{code, std::move(message), {}};
}

}  // namespace sealpost::adapters::storage
