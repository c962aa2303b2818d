// KBO/BCE open data kept locally (REFERENCE.md §4), to prefill a company's name and registered
// office when a subscription request is started. Filled by `sealpost kbo import` from the three
// CSV files, one file after the other, so each file writes its own columns of the same row:
// enterprise.csv the row itself, denomination.csv the names, address.csv the registered office.
// Names and addresses of numbers that have no enterprise row are ignored. Used only inside a
// UnitOfWork.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "common/result.hpp"

namespace sealpost::app {

// From enterprise.csv.
struct KboEnterprise {
  std::string enterprise_number;  // 10 digits
  std::string status;             // "AC" (active) in the open data extract
  std::string juridical_situation;
  std::string type_of_enterprise;  // "1" natural person, "2" legal person
  std::string juridical_form;      // code, e.g. "014" (NV/SA), empty for natural persons
  std::string start_date;          // ISO yyyy-mm-dd
};

// One row of denomination.csv of type 001 (the legal name).
struct KboName {
  std::string enterprise_number;  // 10 digits
  std::string language;           // "nl", "fr", "de", "en", or "und" when unknown
  std::string name;
};

// One row of address.csv of type REGO (the registered office).
struct KboAddress {
  std::string enterprise_number;  // 10 digits
  std::string street_nl;
  std::string street_fr;
  std::string house_number;
  std::string box;
  std::string zipcode;
  std::string municipality_nl;
  std::string municipality_fr;
};

// What Find returns: all three files' data for one enterprise.
struct KboRecord {
  KboEnterprise enterprise;
  // The legal name in the language that was found first; re-imports update it in that language.
  std::string name;
  std::string name_language;
  std::string name_nl;
  std::string name_fr;
  std::string name_de;
  std::string name_en;
  KboAddress address;  // empty strings when no registered office was imported
};

class KboRegistry {
 public:
  virtual ~KboRegistry() = default;
  // Inserts new enterprises, replaces the enterprise.csv columns of known ones (names and address
  // are kept).
  virtual common::Result<void> UpsertEnterprises(std::span<const KboEnterprise> rows) = 0;
  // Sets the name in its language (and the preferred name, see KboRecord). Returns how many rows
  // named a known enterprise.
  virtual common::Result<std::size_t> SetNames(std::span<const KboName> rows) = 0;
  // Replaces the registered office. Returns how many rows named a known enterprise.
  virtual common::Result<std::size_t> SetAddresses(std::span<const KboAddress> rows) = 0;
  // The monthly update's denomination_delete.csv / address_delete.csv: forget the names / the
  // address of these enterprises (the update's insert file then sets the new ones).
  virtual common::Result<void> ClearNames(std::span<const std::string> enterprise_numbers) = 0;
  virtual common::Result<void> ClearAddresses(std::span<const std::string> enterprise_numbers) = 0;
  // enterprise_delete.csv: removes the enterprises. Returns how many existed.
  virtual common::Result<std::size_t> Delete(std::span<const std::string> enterprise_numbers) = 0;
  virtual common::Result<std::optional<KboRecord>> Find(const std::string& enterprise_number) = 0;
};

}  // namespace sealpost::app
