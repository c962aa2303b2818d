#include "app/usecases/import_kbo.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "domain/belgian_identifiers.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using common::Fail;

enum class FileKind {
  kEnterpriseDelete,
  kDenominationDelete,
  kAddressDelete,
  kEnterprise,
  kDenomination,
  kAddress,
};

struct FileSpec {
  std::string_view name;
  FileKind kind;
  std::vector<std::string_view> columns;  // the ones the import reads, in this order
};

// Deletes first, so that an update extract's insert files set the new names and addresses.
const std::array<FileSpec, 9>& Files() {
  static const std::array<FileSpec, 9> kFiles{{
      {"enterprise_delete.csv", FileKind::kEnterpriseDelete, {"EnterpriseNumber"}},
      {"denomination_delete.csv", FileKind::kDenominationDelete, {"EntityNumber"}},
      {"address_delete.csv", FileKind::kAddressDelete, {"EntityNumber"}},
      {"enterprise.csv",
       FileKind::kEnterprise,
       {"EnterpriseNumber", "Status", "JuridicalSituation", "TypeOfEnterprise", "JuridicalForm",
        "StartDate"}},
      {"enterprise_insert.csv",
       FileKind::kEnterprise,
       {"EnterpriseNumber", "Status", "JuridicalSituation", "TypeOfEnterprise", "JuridicalForm",
        "StartDate"}},
      {"denomination.csv",
       FileKind::kDenomination,
       {"EntityNumber", "Language", "TypeOfDenomination", "Denomination"}},
      {"denomination_insert.csv",
       FileKind::kDenomination,
       {"EntityNumber", "Language", "TypeOfDenomination", "Denomination"}},
      {"address.csv",
       FileKind::kAddress,
       {"EntityNumber", "TypeOfAddress", "StreetNL", "StreetFR", "HouseNumber", "Box", "Zipcode",
        "MunicipalityNL", "MunicipalityFR"}},
      {"address_insert.csv",
       FileKind::kAddress,
       {"EntityNumber", "TypeOfAddress", "StreetNL", "StreetFR", "HouseNumber", "Box", "Zipcode",
        "MunicipalityNL", "MunicipalityFR"}},
  }};
  return kFiles;
}

constexpr std::string_view kLegalName = "001";          // TypeOfDenomination: Naam / Dénomination
constexpr std::string_view kRegisteredOffice = "REGO";  // TypeOfAddress: maatschappelijke zetel

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Establishment units (vestigingseenheden) have numbers starting with 2 to 8; they share
// denomination.csv and address.csv with the enterprises but are not companies.
bool IsEstablishmentNumber(std::string_view text) {
  text = Trim(text);
  return !text.empty() && text.front() >= '2' && text.front() <= '9';
}

// "dd-mm-yyyy" → "yyyy-mm-dd".
std::optional<std::string> IsoDate(std::string_view text) {
  text = Trim(text);
  if (text.size() != 10 || text[2] != '-' || text[5] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u, 6u, 7u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int day = (text[0] - '0') * 10 + (text[1] - '0');
  const int month = (text[3] - '0') * 10 + (text[4] - '0');
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  return std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" +
         std::string(text.substr(0, 2));
}

// KBO language codes (code.csv, category Language).
std::string LanguageTag(std::string_view code) {
  code = Trim(code);
  if (code == "1") return "fr";
  if (code == "2") return "nl";
  if (code == "3") return "de";
  if (code == "4") return "en";
  return "und";
}

// "line 12: unterminated quoted field" → "unterminated quoted field".
std::string WithoutLinePrefix(const std::string& message) {
  if (message.starts_with("line ")) {
    if (auto colon = message.find(": "); colon != std::string::npos) {
      return message.substr(colon + 2);
    }
  }
  return message;
}

// One file's import: the rows of the current batch and what happened so far.
class FileImport {
 public:
  FileImport(const FileSpec& spec, Database& database, const KboImportOptions& options,
             const ImportKbo::ProgressListener& on_progress,
             const ImportKbo::ProblemListener& on_problem, KboImportSummary& summary)
      : spec_(spec),
        database_(database),
        options_(options),
        on_progress_(on_progress),
        on_problem_(on_problem),
        import_summary_(summary) {
    file_.file = std::string(spec.name);
  }

  common::Result<KboFileSummary> Run(CsvRows& rows) {
    CsvRecord record;
    auto header = rows.Next(record);
    if (!header) {
      return Fail(ErrorCode::kInvalidArgument,
                  file_.file + ": cannot read the header: " + header.error().message);
    }
    if (!*header) return file_;  // an empty file
    for (std::string_view column : spec_.columns) {
      std::optional<std::size_t> found;
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (EqualsIgnoringCase(Trim(record.fields[i]), column)) found = i;
      }
      if (!found) {
        return Fail(ErrorCode::kInvalidArgument,
                    file_.file + " has no column " + std::string(column));
      }
      columns_.push_back(*found);
    }
    header_size_ = record.fields.size();

    for (;;) {
      auto next = rows.Next(record);
      if (!next) {
        if (next.error().code != ErrorCode::kInvalidArgument) return Fail(next.error());
        ++file_.rows;
        Bad(record.line, WithoutLinePrefix(next.error().message));
      } else if (!*next) {
        break;
      } else {
        ++file_.rows;
        Take(record);
      }
      if (Pending() >= options_.batch_rows) {
        if (auto flushed = Flush(); !flushed) return Fail(flushed.error());
      }
      if (options_.progress_every > 0 && file_.rows % options_.progress_every == 0 &&
          on_progress_) {
        on_progress_(file_);
      }
    }
    if (auto flushed = Flush(); !flushed) return Fail(flushed.error());
    return file_;
  }

 private:
  std::string_view Field(const CsvRecord& record, std::size_t column) const {
    return Trim(record.fields[columns_[column]]);
  }

  void Bad(std::uint64_t line, std::string message) {
    ++file_.bad;
    ++import_summary_.bad_rows;
    if (on_problem_) on_problem_(KboRowProblem{file_.file, line, std::move(message)});
  }

  // The enterprise number in column 0, or std::nullopt after reporting or skipping the row.
  std::optional<std::string> Number(const CsvRecord& record) {
    std::string_view text = Field(record, 0);
    if (spec_.kind != FileKind::kEnterprise && spec_.kind != FileKind::kEnterpriseDelete &&
        IsEstablishmentNumber(text)) {
      ++file_.skipped;
      return std::nullopt;
    }
    auto number = domain::EnterpriseNumber::Parse(text);
    if (!number) {
      Bad(record.line, "invalid enterprise number \"" + std::string(text) + "\"");
      return std::nullopt;
    }
    return number->digits;
  }

  void Take(const CsvRecord& record) {
    if (record.fields.size() != header_size_) {
      Bad(record.line, std::to_string(record.fields.size()) + " fields, the header has " +
                           std::to_string(header_size_));
      return;
    }
    switch (spec_.kind) {
      case FileKind::kEnterpriseDelete:
      case FileKind::kDenominationDelete:
      case FileKind::kAddressDelete:
        if (auto number = Number(record)) numbers_.push_back(std::move(*number));
        return;
      case FileKind::kEnterprise: {
        auto number = Number(record);
        if (!number) return;
        auto start = IsoDate(Field(record, 5));
        if (!start) {
          Bad(record.line,
              "invalid start date \"" + std::string(Field(record, 5)) + "\" (expected dd-mm-yyyy)");
          return;
        }
        enterprises_.push_back(KboEnterprise{
            std::move(*number), std::string(Field(record, 1)), std::string(Field(record, 2)),
            std::string(Field(record, 3)), std::string(Field(record, 4)), std::move(*start)});
        return;
      }
      case FileKind::kDenomination: {
        if (Field(record, 2) != kLegalName) {
          ++file_.skipped;
          return;
        }
        auto number = Number(record);
        if (!number) return;
        if (Field(record, 3).empty()) {
          Bad(record.line, "empty denomination");
          return;
        }
        names_.push_back(KboName{std::move(*number), LanguageTag(Field(record, 1)),
                                 std::string(Field(record, 3))});
        return;
      }
      case FileKind::kAddress: {
        if (Field(record, 1) != kRegisteredOffice) {
          ++file_.skipped;
          return;
        }
        auto number = Number(record);
        if (!number) return;
        addresses_.push_back(
            KboAddress{std::move(*number), std::string(Field(record, 2)),
                       std::string(Field(record, 3)), std::string(Field(record, 4)),
                       std::string(Field(record, 5)), std::string(Field(record, 6)),
                       std::string(Field(record, 7)), std::string(Field(record, 8))});
        return;
      }
    }
  }

  std::size_t Pending() const {
    return numbers_.size() + enterprises_.size() + names_.size() + addresses_.size();
  }

  common::Result<void> Flush() {
    if (Pending() == 0) return common::Ok();
    auto unit = database_.Begin();
    if (!unit) return Fail(unit.error());
    KboRegistry& kbo = (*unit)->Kbo();
    common::Result<std::size_t> written = 0;
    switch (spec_.kind) {
      case FileKind::kEnterpriseDelete:
        written = kbo.Delete(numbers_);
        break;
      case FileKind::kDenominationDelete:
      case FileKind::kAddressDelete: {
        auto cleared = spec_.kind == FileKind::kDenominationDelete ? kbo.ClearNames(numbers_)
                                                                   : kbo.ClearAddresses(numbers_);
        if (!cleared) return cleared;
        written = numbers_.size();
        break;
      }
      case FileKind::kEnterprise: {
        auto upserted = kbo.UpsertEnterprises(enterprises_);
        if (!upserted) return upserted;
        written = enterprises_.size();
        break;
      }
      case FileKind::kDenomination:
        written = kbo.SetNames(names_);
        break;
      case FileKind::kAddress:
        written = kbo.SetAddresses(addresses_);
        break;
    }
    if (!written) return Fail(written.error());
    if (auto committed = (*unit)->Commit(); !committed) return committed;
    file_.written += *written;
    numbers_.clear();
    enterprises_.clear();
    names_.clear();
    addresses_.clear();
    return common::Ok();
  }

  const FileSpec& spec_;
  Database& database_;
  const KboImportOptions& options_;
  const ImportKbo::ProgressListener& on_progress_;
  const ImportKbo::ProblemListener& on_problem_;
  KboImportSummary& import_summary_;
  KboFileSummary file_;
  std::vector<std::size_t> columns_;
  std::size_t header_size_ = 0;
  std::vector<std::string> numbers_;
  std::vector<KboEnterprise> enterprises_;
  std::vector<KboName> names_;
  std::vector<KboAddress> addresses_;
};

}  // namespace

ImportKbo::ImportKbo(Database& database, KboImportOptions options, ProgressListener on_progress,
                     ProblemListener on_problem)
    : database_(database),
      options_(options),
      on_progress_(std::move(on_progress)),
      on_problem_(std::move(on_problem)) {
  if (options_.batch_rows == 0) options_.batch_rows = 1;
}

common::Result<KboImportSummary> ImportKbo::Run(KboExtract& extract) {
  KboImportSummary summary;
  for (const FileSpec& spec : Files()) {
    auto rows = extract.Open(spec.name);
    if (!rows) {
      if (rows.error().code == ErrorCode::kNotFound) continue;
      return Fail(rows.error());
    }
    FileImport file(spec, database_, options_, on_progress_, on_problem_, summary);
    auto done = file.Run(**rows);
    if (!done) return Fail(done.error());
    summary.files.push_back(std::move(*done));
  }
  if (summary.files.empty()) {
    return Fail(ErrorCode::kNotFound,
                "no KBO open data files (enterprise.csv, denomination.csv, address.csv or the "
                "update's *_insert.csv / *_delete.csv)");
  }
  return summary;
}

}  // namespace sealpost::app
