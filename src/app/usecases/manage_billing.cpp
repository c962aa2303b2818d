#include "app/usecases/manage_billing.hpp"

#include <set>

#include "domain/belgian_identifiers.hpp"
#include "domain/money.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using common::Fail;

std::string Euros(domain::Cents cents) { return domain::FormatDecimalAmount(cents) + " EUR"; }

}  // namespace

ManageBilling::ManageBilling(Database& database, const common::Clock& clock, common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<BillingPlan> ManageBilling::SetPlan(std::string_view enterprise_number,
                                                   BillingPlan plan, const std::string& by) {
  auto number = domain::EnterpriseNumber::Parse(enterprise_number);
  if (!number) return Fail(number.error());
  if (plan.credit_limit < 0) {
    return Fail(ErrorCode::kInvalidArgument, "the credit limit cannot be negative");
  }
  if (plan.mode == domain::BillingMode::kPrepaid && plan.credit_limit != 0) {
    return Fail(ErrorCode::kInvalidArgument, "a prepaid plan has no credit limit");
  }
  for (const auto& [channel, cents] : plan.unit_prices) {
    if (channel != kElectronicChannel && channel != kPaperChannel) {
      return Fail(ErrorCode::kInvalidArgument, "unknown channel " + channel);
    }
    if (cents < 0) return Fail(ErrorCode::kInvalidArgument, "a price cannot be negative");
  }
  auto uow = database_.Begin();
  if (!uow) return Fail(uow.error());
  auto company = (*uow)->Accounts().FindByEnterpriseNumber(number->digits);
  if (!company) return Fail(company.error());
  if (!*company) return Fail(ErrorCode::kNotFound, "no company with that enterprise number");
  plan.account_id = (*company)->id;
  plan.invoicing = "monthly";
  plan.updated_at = clock_.Now();
  plan.updated_by = by;
  if (auto ok = (*uow)->BillingPlans().Put(plan); !ok) return Fail(ok.error());
  domain::AuditEntry entry;
  entry.id = common::NewUuid(random_);
  entry.at = plan.updated_at;
  entry.actor = by;
  entry.account_id = plan.account_id;
  entry.action = "billing_plan.set";
  std::string prices;
  for (const auto& [channel, cents] : plan.unit_prices) {
    prices +=
        (prices.empty() ? "" : ",") + std::string("\"") + channel + "\":" + std::to_string(cents);
  }
  entry.details_json = std::string("{\"mode\":\"") +
                       (plan.mode == domain::BillingMode::kPostpaid ? "postpaid" : "prepaid") +
                       "\",\"credit_limit_cents\":" + std::to_string(plan.credit_limit) +
                       ",\"unit_prices_cents\":{" + prices + "}}";
  if (auto ok = (*uow)->AuditLog().Append(entry); !ok) return Fail(ok.error());
  if (auto ok = (*uow)->Commit(); !ok) return Fail(ok.error());
  return plan;
}

common::Result<LedgerCheckReport> ManageBilling::CheckLedger() {
  auto uow = database_.Begin();
  if (!uow) return Fail(uow.error());
  auto totals = (*uow)->Ledger().Totals();
  if (!totals) return Fail(totals.error());
  LedgerCheckReport report;
  report.entries = totals->entry_count;
  std::set<std::string> keys;
  for (const auto& [key, _] : totals->journal) keys.insert(key);
  for (const auto& [key, _] : totals->cached) keys.insert(key);
  for (const auto& key : keys) {
    const auto journal_it = totals->journal.find(key);
    const auto cached_it = totals->cached.find(key);
    const domain::Cents journal = journal_it == totals->journal.end() ? 0 : journal_it->second;
    const domain::Cents cached = cached_it == totals->cached.end() ? 0 : cached_it->second;
    if (journal_it != totals->journal.end()) ++report.accounts;
    if (journal != cached) {
      report.discrepancies.push_back(key + ": cached balance " + Euros(cached) +
                                     " differs from the journal's " + Euros(journal));
    }
    auto account = domain::LedgerAccount::FromKey(key);
    if (!account) {
      report.discrepancies.push_back(key + ": not a known ledger account");
    } else if (account->kind == domain::LedgerAccountKind::kCustomerPrepaid && journal < 0) {
      report.discrepancies.push_back(key + ": prepaid balance is negative (" + Euros(journal) +
                                     ")");
    }
  }
  for (const auto& [id, sum] : totals->unbalanced_entries) {
    report.discrepancies.push_back("entry " + id + ": postings sum to " + Euros(sum) +
                                   " instead of zero (or it has fewer than two postings)");
  }
  return report;
}

}  // namespace sealpost::app
