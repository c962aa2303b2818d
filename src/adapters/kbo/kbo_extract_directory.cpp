#include "adapters/kbo/kbo_extract_directory.hpp"

#include "adapters/kbo/kbo_csv_reader.hpp"

namespace sealpost::adapters::kbo {

common::Result<std::unique_ptr<app::CsvRows>> KboExtractDirectory::Open(std::string_view name) {
  auto reader = KboCsvReader::OpenFile(directory_ / std::filesystem::path(name));
  if (!reader) return common::Fail(std::move(reader.error()));
  return std::unique_ptr<app::CsvRows>(std::move(*reader));
}

}  // namespace sealpost::adapters::kbo
