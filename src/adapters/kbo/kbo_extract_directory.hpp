// A KBO/BCE open data extract unpacked in a directory (enterprise.csv, denomination.csv,
// address.csv, or the monthly update's *_insert.csv / *_delete.csv), each file read with
// KboCsvReader. Not thread-safe.
#pragma once

#include <filesystem>

#include "app/ports/kbo_extract.hpp"

namespace sealpost::adapters::kbo {

class KboExtractDirectory final : public app::KboExtract {
 public:
  explicit KboExtractDirectory(std::filesystem::path directory)
      : directory_(std::move(directory)) {}
  common::Result<std::unique_ptr<app::CsvRows>> Open(std::string_view name) override;

 private:
  std::filesystem::path directory_;
};

}  // namespace sealpost::adapters::kbo
