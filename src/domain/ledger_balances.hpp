// Balances of the billing ledger and the rules an entry must keep before it may be recorded:
// a prepaid balance never goes below zero, a postpaid customer never owes more than their credit
// limit. Pure: the caller reads the current balances (derived from the journal, or the cached
// balance rows that must equal it) inside the transaction that records the entry, checks the entry
// with CheckEntryAllowed, and writes both. Serialising the debits of one customer (a row lock on
// their balance) is the storage's part; then no two debits can both see the old balance.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/ledger_account.hpp"
#include "domain/ledger_entry.hpp"
#include "domain/money.hpp"

namespace sealpost::domain {

// The balance of `account` on its normal side (ledger_account.hpp) after all `entries`: e.g. a
// prepaid customer's spendable money, or what a postpaid customer owes. Overflow-checked.
common::Result<Cents> BalanceOf(const LedgerAccount& account,
                                std::span<const JournalEntry> entries);

// Credit limits of postpaid customers (their billing plan), by customer account id; a customer
// without an entry has limit 0 (cannot owe anything).
struct CreditLimits {
  std::map<std::string, Cents, std::less<>> by_customer;
  Cents For(std::string_view customer_account_id) const;
};

// Current balances (normal side) of some accounts; an account never seen has balance 0.
class LedgerBalances {
 public:
  static common::Result<LedgerBalances> FromJournal(std::span<const JournalEntry> entries);

  void Set(const LedgerAccount& account, Cents balance);
  Cents Of(const LedgerAccount& account) const;
  const std::map<LedgerAccount, Cents>& all() const { return balances_; }

  // The balances after `entry` (no rule checked; overflow-checked).
  common::Result<LedgerBalances> After(const JournalEntry& entry) const;
  // Checks the entry (CheckEntryAllowed) and applies it; on refusal nothing changes.
  common::Result<void> Apply(const JournalEntry& entry, const CreditLimits& limits);

 private:
  std::map<LedgerAccount, Cents> balances_;
};

// May `entry` be recorded on top of `current`? Refused with kFailedPrecondition when it would take
// a prepaid balance below zero (reason "insufficient_balance") or a receivable above the
// customer's credit limit (reason "credit_limit_exceeded"). Only a movement in the harmful
// direction is judged: a top-up or a payment is always allowed, even on an account that already
// breaks the rule (e.g. after an operator lowered the limit).
common::Result<void> CheckEntryAllowed(const JournalEntry& entry, const LedgerBalances& current,
                                       const CreditLimits& limits);

}  // namespace sealpost::domain
