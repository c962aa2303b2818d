// The SQL backends the storage adapter runs the same repository code on.
#pragma once

namespace sealpost::adapters::storage {

enum class SqlBackend { kSqlite, kPostgresql };

}  // namespace sealpost::adapters::storage
