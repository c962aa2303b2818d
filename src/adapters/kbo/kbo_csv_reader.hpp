// A streaming CSV reader for the KBO/BCE open data files (REFERENCE.md §4; RFC 4180): comma
// separated, fields optionally in double quotes with "" for a quote inside, records ending in CRLF
// or LF (a quoted field may hold line breaks), UTF-8 with an optional byte order mark. Reads 64 KiB
// at a time and holds one record, so a file of millions of rows takes bounded memory.
//
// Why not a library: Debian 12's libcsv (LGPL, callback-based, upstream inactive since 2013) stops
// at the first malformed record in strict mode and accepts anything in lenient mode; the import
// must report a bad row with its line number and go on with the next one, which this small reader
// does. Not thread-safe; one reader per file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "app/ports/kbo_extract.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::kbo {

class KboCsvReader final : public app::CsvRows {
 public:
  // A record longer than this is refused as malformed (a stray quote would otherwise swallow the
  // rest of the file into memory).
  static constexpr std::size_t kMaxRecordBytes = 1 << 20;

  // kNotFound when the file does not exist, kUnavailable when it cannot be read.
  static common::Result<std::unique_ptr<KboCsvReader>> OpenFile(const std::filesystem::path& path);
  // Reads from memory (tests, small inputs).
  static std::unique_ptr<KboCsvReader> FromString(std::string text);

  common::Result<bool> Next(app::CsvRecord& record) override;

 private:
  explicit KboCsvReader(std::unique_ptr<std::istream> in);
  bool Fill();  // false at the end of the input
  int Get();    // next byte, or -1 at the end
  int Peek();
  void SkipRestOfLine();

  std::unique_ptr<std::istream> in_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool at_start_ = true;
  std::uint64_t line_ = 1;
};

}  // namespace sealpost::adapters::kbo
