// ManageBilling: what the provider's staff do with the ledger (PRODUCT.md §6, §8) — set a volume
// sender's billing plan (own unit prices, postpaid with a credit limit, monthly invoicing; from the
// command line until the operator page exists; audited), and check the ledger: every balance
// recomputed from the journal must equal its cached balance, every entry must balance to zero and
// no prepaid balance may be negative (`sealpost admin check-ledger`). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct LedgerCheckReport {
  std::size_t entries = 0;
  std::size_t accounts = 0;
  std::vector<std::string> discrepancies;  // one line each; empty when the ledger is sound
  bool Sound() const { return discrepancies.empty(); }
};

class ManageBilling {
 public:
  ManageBilling(Database& database, const common::Clock& clock, common::Random& random);

  // Sets (or replaces) the plan of the company with `enterprise_number`. kInvalidArgument for a
  // malformed number, a negative price or limit, or a credit limit on a prepaid plan; kNotFound
  // when no company has that number. `by` names who set it (audit log).
  common::Result<BillingPlan> SetPlan(std::string_view enterprise_number, BillingPlan plan,
                                      const std::string& by);
  common::Result<LedgerCheckReport> CheckLedger();

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
