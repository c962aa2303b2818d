#include "main/kbo_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "adapters/kbo/kbo_extract_directory.hpp"
#include "adapters/storage/soci_database.hpp"
#include "app/usecases/import_kbo.hpp"
#include "main/command_line.hpp"

namespace sealpost::main {

namespace {

constexpr const char* kKboUsage =
    "usage:\n"
    "  sealpost kbo import DIR [--batch N] [--config FILE] [--data DIR] [--database URL]\n"
    "      DIR holds the unpacked KBO open data extract: enterprise.csv, denomination.csv and\n"
    "      address.csv, or the monthly update's *_insert.csv and *_delete.csv. Re-runnable. Use\n"
    "      the options `serve` uses, so that the command reaches the same database.\n";

// Bad rows printed one by one before only their count is.
constexpr std::uint64_t kProblemsShown = 1000;

int KboUsage(const std::string& problem) {
  std::fprintf(stderr, "sealpost kbo: %s\n\n%s", problem.c_str(), kKboUsage);
  return 2;
}

}  // namespace

int RunKboCommand(const std::vector<std::string>& args) {
  std::vector<std::string> service_args;
  app::KboImportOptions import_options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--batch") {
      service_args.push_back(args[i]);
      continue;
    }
    char* end = nullptr;
    const long batch = i + 1 < args.size() ? std::strtol(args[i + 1].c_str(), &end, 10) : 0;
    if (batch <= 0 || *end != '\0') return KboUsage("--batch needs a positive number of rows");
    import_options.batch_rows = static_cast<std::size_t>(batch);
    ++i;
  }
  auto options = ParseServiceOptions(service_args);
  if (!options) return KboUsage(options.error().message);
  const std::vector<std::string>& rest = options->rest;
  if (rest.empty() || rest[0] != "import") {
    return KboUsage(rest.empty() ? "which command?" : "unknown kbo command " + rest[0]);
  }
  if (rest.size() != 2) return KboUsage("import needs one directory");
  const std::filesystem::path directory = rest[1];
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return KboUsage(directory.string() + " is not a directory");
  }

  auto config = LoadConfig(options->config_file, options->overrides);
  if (!config) {
    std::fprintf(stderr, "sealpost kbo: configuration: %s\n", config.error().message.c_str());
    return 2;
  }
  auto database = adapters::storage::SociDatabase::Open(config->storage.database, 1);
  if (!database) {
    std::fprintf(stderr, "sealpost kbo: database: %s\n", database.error().message.c_str());
    return 2;
  }

  std::uint64_t problems = 0;
  app::ImportKbo import(
      **database, import_options,
      [](const app::KboFileSummary& so_far) {
        std::fprintf(stderr, "%s: %llu rows read, %llu imported\n", so_far.file.c_str(),
                     static_cast<unsigned long long>(so_far.rows),
                     static_cast<unsigned long long>(so_far.written));
      },
      [&problems](const app::KboRowProblem& problem) {
        if (++problems <= kProblemsShown) {
          std::fprintf(stderr, "%s:%llu: %s\n", problem.file.c_str(),
                       static_cast<unsigned long long>(problem.line), problem.message.c_str());
        }
      });
  adapters::kbo::KboExtractDirectory extract(directory);
  auto summary = import.Run(extract);
  if (!summary) {
    std::fprintf(stderr, "sealpost kbo: %s\n", summary.error().message.c_str());
    return summary.error().code == common::ErrorCode::kUnavailable ||
                   summary.error().code == common::ErrorCode::kInternal ||
                   summary.error().code == common::ErrorCode::kConflict
               ? 1
               : 2;
  }
  if (problems > kProblemsShown) {
    std::fprintf(stderr, "… and %llu more bad rows\n",
                 static_cast<unsigned long long>(problems - kProblemsShown));
  }
  for (const app::KboFileSummary& file : summary->files) {
    std::printf(
        "%s: %llu rows, %llu imported, %llu skipped (not a company's legal name or "
        "registered office), %llu bad\n",
        file.file.c_str(), static_cast<unsigned long long>(file.rows),
        static_cast<unsigned long long>(file.written),
        static_cast<unsigned long long>(file.skipped), static_cast<unsigned long long>(file.bad));
  }
  return summary->bad_rows == 0 ? 0 : 1;
}

}  // namespace sealpost::main
