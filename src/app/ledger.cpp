#include "app/ledger.hpp"

#include <vector>

namespace sealpost::app {

common::Result<domain::CreditLimits> CreditLimitsFor(UnitOfWork& uow,
                                                     const domain::JournalEntry& entry) {
  domain::CreditLimits limits;
  for (const auto& posting : entry.postings()) {
    if (posting.account.kind != domain::LedgerAccountKind::kCustomerReceivable) continue;
    auto plan = uow.BillingPlans().Find(posting.account.owner);
    if (!plan) return common::Fail(std::move(plan.error()));
    if (*plan && (*plan)->mode == domain::BillingMode::kPostpaid) {
      limits.by_customer[posting.account.owner] = (*plan)->credit_limit;
    }
  }
  return limits;
}

common::Result<AppendOutcome> PostLedgerEntry(UnitOfWork& uow, const domain::JournalEntry& entry) {
  // Lock first: on SQLite a transaction that has only read cannot wait for the writer lock.
  std::vector<domain::LedgerAccount> accounts;
  for (const auto& posting : entry.postings()) accounts.push_back(posting.account);
  auto balances = uow.Ledger().LockedBalances(accounts);
  if (!balances) return common::Fail(std::move(balances.error()));
  auto recorded = uow.Ledger().FindEntry(entry.id());
  if (!recorded) return common::Fail(std::move(recorded.error()));
  // A replay changes nothing and is answered as before (or refused as a conflict by AppendEntry),
  // whatever the balances are now.
  if (*recorded) return uow.Ledger().AppendEntry(entry);
  auto limits = CreditLimitsFor(uow, entry);
  if (!limits) return common::Fail(std::move(limits.error()));
  if (auto allowed = domain::CheckEntryAllowed(entry, *balances, *limits); !allowed) {
    return common::Fail(std::move(allowed.error()));
  }
  return uow.Ledger().AppendEntry(entry);
}

common::Result<BillingTerms> BillingTermsFor(UnitOfWork& uow, const std::string& account_id,
                                             domain::Cents configured_electronic_net) {
  BillingTerms terms;
  terms.electronic_delivery_net = configured_electronic_net;
  auto plan = uow.BillingPlans().Find(account_id);
  if (!plan) return common::Fail(std::move(plan.error()));
  if (!*plan) return terms;
  terms.has_plan = true;
  terms.mode = (*plan)->mode;
  terms.credit_limit = (*plan)->credit_limit;
  if (auto it = (*plan)->unit_prices.find(kElectronicChannel); it != (*plan)->unit_prices.end()) {
    terms.electronic_delivery_net = it->second;
  }
  return terms;
}

}  // namespace sealpost::app
