// The files of a KBO/BCE open data extract, read as CSV records one at a time so that an extract
// of millions of rows is imported in bounded memory (issue 6). The use case sees rows and their
// line numbers only; reading and parsing the files is an adapter's job.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace sealpost::app {

struct CsvRecord {
  std::vector<std::string> fields;  // unquoted, UTF-8
  std::uint64_t line = 0;           // 1-based line where the record starts
};

class CsvRows {
 public:
  virtual ~CsvRows() = default;
  // Reads the next record into `record`; false at the end. A malformed record (unterminated or
  // stray quote, invalid UTF-8) is kInvalidArgument, "line N: what" in the message and N in
  // record.line, and has been skipped: calling Next again goes on with the following line. Other
  // errors (I/O) are final.
  virtual common::Result<bool> Next(CsvRecord& record) = 0;
};

class KboExtract {
 public:
  virtual ~KboExtract() = default;
  // The file `name` (e.g. "enterprise.csv") of the extract; kNotFound when the extract has none.
  virtual common::Result<std::unique_ptr<CsvRows>> Open(std::string_view name) = 0;
};

}  // namespace sealpost::app
