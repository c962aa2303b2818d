// The journal entries sealpost records, built in one place so that every top-up, debit and
// correction moves money the same way. Each builder derives the entry id from the movement's
// natural key (DeriveTransferId), so building it again — a replayed webhook, a retried debit —
// gives the same id, and storage records it once.
//
// When VAT is due: a top-up buys no service yet (the balance can pay any channel at any later
// price), so it moves money only (clearing → prepaid, VAT-inclusive); VAT and revenue arise per
// delivery, when the service is supplied. A delivery's VAT is rounded per delivery here, while an
// invoice computes the VAT of a category from its total (EN 16931, BR-CO-17), so a month's ledger
// VAT can differ from the invoiced VAT by a few cents: VatRoundingAdjustmentEntry settles that
// difference with the customer when the month's invoice is issued, so ledger and invoice agree.
//
// Postings (debit > 0, credit < 0; see ledger_account.hpp):
//   top-up paid            clearing(provider) +gross      prepaid(customer)   −gross
//   prepaid delivery       prepaid(customer)  +gross      revenue −net        vat −vat
//   postpaid delivery      receivable(cust.)  +gross      revenue −net        vat −vat
//   receivable paid        clearing(provider) +amount     receivable(cust.)   −amount
//   top-up refunded        prepaid(customer)  +amount     clearing(provider)  −amount
//   credit note            revenue +net   vat +vat        prepaid or receivable −gross
//   VAT rounding           vat ±diff                      prepaid or receivable ∓diff
#pragma once

#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/ledger_entry.hpp"
#include "domain/money.hpp"

namespace sealpost::domain {

// How a customer pays: from a prepaid balance, or postpaid (invoiced monthly, within a limit).
enum class BillingMode { kPrepaid, kPostpaid };

// The customer-side account for `mode`: CustomerPrepaid or CustomerReceivable.
LedgerAccount CustomerAccountFor(BillingMode mode, std::string_view customer_account_id);

// Transfer ids of the standard entries (DeriveTransferId with a fixed purpose).
std::string TopUpTransferId(std::string_view provider, std::string_view payment_id);
std::string DeliveryDebitTransferId(std::string_view delivery_id);
std::string ReceivablePaidTransferId(std::string_view provider, std::string_view payment_id);
std::string RefundTransferId(std::string_view provider, std::string_view refund_id);
std::string CreditNoteTransferId(std::string_view credit_note_number);
std::string VatRoundingTransferId(std::string_view invoice_number);

// A provider confirmed a top-up payment of `gross` (VAT-inclusive) cents.
common::Result<JournalEntry> TopUpPaidEntry(std::string_view provider, std::string_view payment_id,
                                            std::string_view customer_account_id, Cents gross,
                                            common::TimePoint at);

// The price of one delivery (per recipient), net of VAT.
struct DeliveryCharge {
  std::string delivery_id;
  std::string customer_account_id;
  BillingMode mode = BillingMode::kPrepaid;
  Cents net = 0;  // > 0
  int vat_percent = kStandardVatPercent;
  std::string description;  // e.g. "Electronic registered delivery"
};
// The charge's gross amount (net + VatOf(net)): what a prepaid balance must cover.
common::Result<Cents> GrossOf(const DeliveryCharge& charge);
common::Result<JournalEntry> DeliveryDebitEntry(const DeliveryCharge& charge, common::TimePoint at);

// A postpaid customer paid (part of) an invoice, e.g. by bank transfer ("bank") or online.
common::Result<JournalEntry> ReceivablePaidEntry(std::string_view provider,
                                                 std::string_view payment_id,
                                                 std::string_view customer_account_id, Cents amount,
                                                 common::TimePoint at);

// Unused prepaid money returned to the customer through the provider (a refund of a top-up).
common::Result<JournalEntry> TopUpRefundedEntry(std::string_view provider,
                                                std::string_view refund_id,
                                                std::string_view customer_account_id, Cents amount,
                                                common::TimePoint at);

// A credit note reverses revenue (`net`) and VAT (`vat`, both ≥ 0, taken from the credit note's
// totals: the document is authoritative for its VAT, ComputeTotals in invoice.hpp) and gives the
// customer the gross amount back (on the prepaid balance, or off what a postpaid customer owes).
common::Result<JournalEntry> CreditNoteEntry(std::string_view credit_note_number,
                                             std::string_view customer_account_id, BillingMode mode,
                                             Cents net, Cents vat, common::TimePoint at);

// Settles the difference between the VAT the ledger booked per delivery during an invoice's period
// and the VAT the invoice states: the customer gets back (or, when the invoice's VAT is higher,
// pays) the difference. Fails with kFailedPrecondition (reason "nothing_to_adjust") when both
// agree.
common::Result<JournalEntry> VatRoundingAdjustmentEntry(std::string_view invoice_number,
                                                        std::string_view customer_account_id,
                                                        BillingMode mode, Cents ledger_vat,
                                                        Cents invoiced_vat, common::TimePoint at);

}  // namespace sealpost::domain
