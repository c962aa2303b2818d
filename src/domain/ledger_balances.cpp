#include "domain/ledger_balances.hpp"

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

// A posting's effect on the balance as reported on the account's normal side.
Cents NormalSideAmount(const Posting& posting) {
  return NormalSideOf(posting.account.kind) == NormalSide::kDebit ? posting.amount
                                                                  : -posting.amount;
}

}  // namespace

common::Result<Cents> BalanceOf(const LedgerAccount& account,
                                std::span<const JournalEntry> entries) {
  Cents balance = 0;
  for (const JournalEntry& entry : entries) {
    for (const Posting& posting : entry.postings()) {
      if (posting.account != account) continue;
      auto next = AddCents(balance, NormalSideAmount(posting));
      if (!next) return Fail(next.error());
      balance = *next;
    }
  }
  return balance;
}

Cents CreditLimits::For(std::string_view customer_account_id) const {
  auto it = by_customer.find(customer_account_id);
  return it == by_customer.end() ? 0 : it->second;
}

common::Result<LedgerBalances> LedgerBalances::FromJournal(std::span<const JournalEntry> entries) {
  LedgerBalances balances;
  for (const JournalEntry& entry : entries) {
    auto next = balances.After(entry);
    if (!next) return Fail(next.error());
    balances = std::move(*next);
  }
  return balances;
}

void LedgerBalances::Set(const LedgerAccount& account, Cents balance) {
  balances_[account] = balance;
}

Cents LedgerBalances::Of(const LedgerAccount& account) const {
  auto it = balances_.find(account);
  return it == balances_.end() ? 0 : it->second;
}

common::Result<LedgerBalances> LedgerBalances::After(const JournalEntry& entry) const {
  LedgerBalances next = *this;
  for (const Posting& posting : entry.postings()) {
    auto sum = AddCents(next.Of(posting.account), NormalSideAmount(posting));
    if (!sum) return Fail(sum.error());
    next.balances_[posting.account] = *sum;
  }
  return next;
}

common::Result<void> LedgerBalances::Apply(const JournalEntry& entry, const CreditLimits& limits) {
  if (auto ok = CheckEntryAllowed(entry, *this, limits); !ok) return ok;
  auto next = After(entry);
  if (!next) return Fail(next.error());
  *this = std::move(*next);
  return common::Ok();
}

common::Result<void> CheckEntryAllowed(const JournalEntry& entry, const LedgerBalances& current,
                                       const CreditLimits& limits) {
  for (const Posting& posting : entry.postings()) {
    const LedgerAccount& account = posting.account;
    Cents change = NormalSideAmount(posting);
    auto after = AddCents(current.Of(account), change);
    if (!after) return Fail(after.error());
    if (account.kind == LedgerAccountKind::kCustomerPrepaid && change < 0 && *after < 0) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the balance of " + FormatDecimalAmount(current.Of(account)) +
                      " EUR does not cover " + FormatDecimalAmount(-change) + " EUR",
                  "insufficient_balance");
    }
    if (account.kind == LedgerAccountKind::kCustomerReceivable && change > 0 &&
        *after > limits.For(account.owner)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "this would exceed the credit limit of " +
                      FormatDecimalAmount(limits.For(account.owner)) + " EUR",
                  "credit_limit_exceeded");
    }
  }
  return common::Ok();
}

}  // namespace sealpost::domain
