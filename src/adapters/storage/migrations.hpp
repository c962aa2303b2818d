// The schema migrations, embedded in the binary so that opening a database does not depend on the
// working directory. The only copy is migrations/<dialect>/NNNN_name.sql; CMake embeds the files
// (cmake/embed_migrations.cmake) and a contract test compares them byte for byte. Forward-only: a
// released migration is never edited, a new one is added with the next version. Immutable data;
// thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace sealpost::adapters::storage {

struct Migration {
  int version = 0;
  std::string_view file_name;  // e.g. "0001_core.sql"
  std::string_view sql;        // several statements separated by ';' at line ends, "--" comments
};

// In ascending version order.
const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PostgresqlMigrations();

}  // namespace sealpost::adapters::storage
