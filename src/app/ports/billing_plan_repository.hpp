// Persistence of billing plans (PRODUCT.md §6): the negotiated terms an operator sets for a volume
// sender — own unit prices per channel, postpaid with a credit limit, monthly invoicing. An account
// without a plan pays prepaid at the configured prices. Used only inside a UnitOfWork.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/ledger_standard_entries.hpp"
#include "domain/money.hpp"

namespace sealpost::app {

// The delivery channels a plan can price.
inline constexpr std::string_view kElectronicChannel = "electronic";
inline constexpr std::string_view kPaperChannel = "paper";

struct BillingPlan {
  std::string account_id;
  domain::BillingMode mode = domain::BillingMode::kPrepaid;
  // Net unit prices (excl. VAT) per channel that replace the configured ones; a channel not
  // listed costs the configured price.
  std::map<std::string, domain::Cents, std::less<>> unit_prices;
  domain::Cents credit_limit = 0;  // what a postpaid customer may owe at most
  std::string invoicing = "monthly";
  common::TimePoint updated_at;
  std::string updated_by;  // who set it (the operator, "command-line", "demo")
};

class BillingPlanRepository {
 public:
  virtual ~BillingPlanRepository() = default;
  // Creates or replaces the plan of plan.account_id (its prices too).
  virtual common::Result<void> Put(const BillingPlan& plan) = 0;
  virtual common::Result<std::optional<BillingPlan>> Find(const std::string& account_id) = 0;
};

}  // namespace sealpost::app
