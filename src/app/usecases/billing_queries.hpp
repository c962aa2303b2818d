// BillingQueries: what a customer sees of their money (PRODUCT.md §6, "the billing page shows
// balance, movements (CSV export)"): the balance of the account they act for — the prepaid balance,
// or for a postpaid billing plan what they owe and their credit limit — and its movements, newest
// first, page by page or all at once as CSV. Needs the billing permission. Thread-safe (stateless
// apart from the database).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/ledger.hpp"
#include "app/ports/database.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct BalanceView {
  domain::BillingMode mode = domain::BillingMode::kPrepaid;
  // Prepaid: the money left to spend. Postpaid: what the customer owes (not yet paid).
  domain::Cents balance = 0;
  domain::Cents credit_limit = 0;             // postpaid only
  domain::Cents electronic_delivery_net = 0;  // the price of one electronic delivery, excl. VAT
  int vat_percent = domain::kStandardVatPercent;
};

struct MovementPage {
  std::vector<LedgerMovement> movements;
  std::optional<std::string> next_cursor;  // pass as `cursor` for the next (older) page
};

class BillingQueries {
 public:
  // `configured_electronic_net`: config [pricing] electronic_delivery_cents.
  BillingQueries(Database& database, domain::Cents configured_electronic_net);

  // kPermissionDenied without the billing permission.
  common::Result<BalanceView> Balance(const Caller& caller);
  // `cursor` from a previous page (kInvalidArgument when it is not one); limit ≥ 1.
  common::Result<MovementPage> Movements(const Caller& caller, const std::string& cursor,
                                         std::size_t limit);
  // Every movement, newest first, as RFC 4180 CSV (CRLF line ends, a header row): date (UTC,
  // ISO 8601), entry id, description, reference, amount in euros with two decimals ("-5.45").
  common::Result<std::string> MovementsCsv(const Caller& caller);

 private:
  common::Result<BillingTerms> TermsOf(UnitOfWork& uow, const Caller& caller);
  Database& database_;
  domain::Cents configured_electronic_net_;
};

// One CSV field as RFC 4180 writes it: quoted (with doubled quotes) when it holds a comma, a quote
// or a line break; text that a spreadsheet would run as a formula (=, +, -, @ first) gets a
// leading apostrophe, except for numbers.
std::string CsvField(std::string_view text);

}  // namespace sealpost::app
