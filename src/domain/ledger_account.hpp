// The accounts of the billing ledger (PRODUCT.md §6): where money sits, in integer cents.
//
// Sign convention of the whole ledger: a posting's amount is positive for a DEBIT and negative for
// a CREDIT, so the postings of a balanced entry sum to zero. Each account kind has a normal side;
// a balance is reported on that side, so a customer with money to spend has a positive prepaid
// balance:
//   kind                 what it is                                       normal side
//   kPspClearing         money a payment provider holds for us (asset)    debit
//   kCustomerReceivable  what a postpaid customer owes us (asset)         debit
//   kCustomerPrepaid     what we owe a prepaid customer (liability)       credit  (never < 0)
//   kRevenue             our income, net of VAT                           credit
//   kVatPayable          VAT we owe the tax office (liability)            credit
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace sealpost::domain {

enum class LedgerAccountKind {
  kPspClearing,
  kCustomerPrepaid,
  kCustomerReceivable,
  kRevenue,
  kVatPayable,
};

enum class NormalSide { kDebit, kCredit };

NormalSide NormalSideOf(LedgerAccountKind kind);
// "psp_clearing" | "customer_prepaid" | "customer_receivable" | "revenue" | "vat_payable"
std::string_view LedgerAccountKindName(LedgerAccountKind kind);

struct LedgerAccount {
  LedgerAccountKind kind = LedgerAccountKind::kRevenue;
  // The provider ("mollie", "stripe", "sandbox", "bank") for kPspClearing, the customer's account
  // id for kCustomerPrepaid and kCustomerReceivable, empty for kRevenue and kVatPayable.
  std::string owner;

  static LedgerAccount PspClearing(std::string_view provider);
  static LedgerAccount CustomerPrepaid(std::string_view customer_account_id);
  static LedgerAccount CustomerReceivable(std::string_view customer_account_id);
  static LedgerAccount Revenue();
  static LedgerAccount VatPayable();

  // Stable text key for storage: "<kind>" or "<kind>:<owner>", e.g. "customer_prepaid:<uuid>".
  std::string Key() const;
  static common::Result<LedgerAccount> FromKey(std::string_view key);
  // The owner is present exactly for the kinds that need one, and has no ':' or control chars.
  common::Result<void> Validate() const;

  friend auto operator<=>(const LedgerAccount&, const LedgerAccount&) = default;
};

}  // namespace sealpost::domain
