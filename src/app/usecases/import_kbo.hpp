// ImportKbo: loads a KBO/BCE open data extract (REFERENCE.md §4) into the KboRegistry, so that a
// subscription request can be prefilled with the company's legal name and registered office.
// The full extract has millions of rows: the files are read one record at a time and written in
// batches of `batch_rows`, each batch its own transaction, so memory stays bounded and an
// interrupted import keeps what it wrote. Re-runnable: rows are upserted. The monthly update
// extract's files are handled too: the *_delete.csv files first (enterprises removed, names and
// addresses cleared), then the *_insert.csv files like the full ones.
// Columns are found by their header name, not their position. A bad row (malformed CSV, wrong
// field count, invalid enterprise number or date) is reported with its file and line and skipped;
// the rest is imported. Not thread-safe (one import at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "app/ports/kbo_extract.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct KboImportOptions {
  std::size_t batch_rows = 5000;
  std::uint64_t progress_every = 100000;  // rows read between two progress reports
};

struct KboFileSummary {
  std::string file;        // e.g. "address.csv"
  std::uint64_t rows = 0;  // data rows read (the header not counted)
  // Rows that changed an enterprise (for names and addresses: that named a known enterprise).
  std::uint64_t written = 0;
  std::uint64_t skipped = 0;  // not for us: other denomination/address types, establishments
  std::uint64_t bad = 0;      // reported and skipped
};

struct KboRowProblem {
  std::string file;
  std::uint64_t line = 0;  // 0 when the problem is the file's header
  std::string message;
};

struct KboImportSummary {
  std::vector<KboFileSummary> files;  // in the order they were imported
  std::uint64_t bad_rows = 0;
};

class ImportKbo {
 public:
  using ProgressListener = std::function<void(const KboFileSummary& so_far)>;
  using ProblemListener = std::function<void(const KboRowProblem& problem)>;

  ImportKbo(Database& database, KboImportOptions options, ProgressListener on_progress,
            ProblemListener on_problem);

  // kNotFound when the extract holds none of the known files; kInvalidArgument when a file lacks a
  // column the import needs; the database's error when a batch cannot be written (the batches
  // before it stay).
  common::Result<KboImportSummary> Run(KboExtract& extract);

 private:
  Database& database_;
  KboImportOptions options_;
  ProgressListener on_progress_;
  ProblemListener on_problem_;
};

}  // namespace sealpost::app
