// How every part of sealpost records money: PostLedgerEntry locks the balances an entry touches,
// checks the ledger's rules on them (domain::CheckEntryAllowed: a prepaid balance never below zero,
// a postpaid customer within the credit limit of their billing plan) and only then appends the
// entry — all inside the caller's UnitOfWork, so the movement commits with the change that caused
// it (a submission and its debit) or not at all. And BillingTermsFor: what a customer pays per
// delivery, and how, from their billing plan or the configured prices. Stateless functions.
#pragma once

#include <string>

#include "app/ports/database.hpp"
#include "common/result.hpp"
#include "domain/ledger_entry.hpp"
#include "domain/ledger_standard_entries.hpp"
#include "domain/money.hpp"

namespace sealpost::app {

// Locks, checks and appends `entry` (see above). Refused with kFailedPrecondition, reason
// "insufficient_balance" or "credit_limit_exceeded", with nothing written; a replay of a recorded
// entry is kAlreadyRecorded and is not judged again.
common::Result<AppendOutcome> PostLedgerEntry(UnitOfWork& uow, const domain::JournalEntry& entry);

// The credit limits (billing plans) of the postpaid customers `entry` charges.
common::Result<domain::CreditLimits> CreditLimitsFor(UnitOfWork& uow,
                                                     const domain::JournalEntry& entry);

struct BillingTerms {
  domain::BillingMode mode = domain::BillingMode::kPrepaid;
  domain::Cents electronic_delivery_net = 0;  // per recipient, excl. VAT; 0: free
  domain::Cents credit_limit = 0;             // postpaid only
  bool has_plan = false;
};

// The terms of `account_id`: its billing plan's, or prepaid at `configured_electronic_net`.
common::Result<BillingTerms> BillingTermsFor(UnitOfWork& uow, const std::string& account_id,
                                             domain::Cents configured_electronic_net);

}  // namespace sealpost::app
