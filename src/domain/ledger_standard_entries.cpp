#include "domain/ledger_standard_entries.hpp"

#include <utility>
#include <vector>

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

common::Result<void> RequirePositive(Cents amount, const char* what) {
  if (amount <= 0) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " must be more than zero",
                "invalid_amount");
  }
  return common::Ok();
}

// Revenue and VAT postings of a net amount; a zero VAT (a tiny amount, or 0 %) is left out.
void AppendRevenueAndVat(std::vector<Posting>& postings, Cents net_sign_applied,
                         Cents vat_sign_applied) {
  postings.push_back({LedgerAccount::Revenue(), net_sign_applied});
  if (vat_sign_applied != 0) postings.push_back({LedgerAccount::VatPayable(), vat_sign_applied});
}

std::string Joined(std::string_view a, std::string_view b) {
  return std::string(a) + ":" + std::string(b);
}

}  // namespace

LedgerAccount CustomerAccountFor(BillingMode mode, std::string_view customer_account_id) {
  return mode == BillingMode::kPrepaid ? LedgerAccount::CustomerPrepaid(customer_account_id)
                                       : LedgerAccount::CustomerReceivable(customer_account_id);
}

std::string TopUpTransferId(std::string_view provider, std::string_view payment_id) {
  return DeriveTransferId("top-up", provider, payment_id);
}
std::string DeliveryDebitTransferId(std::string_view delivery_id) {
  return DeriveTransferId("delivery-debit", "sealpost", delivery_id);
}
std::string ReceivablePaidTransferId(std::string_view provider, std::string_view payment_id) {
  return DeriveTransferId("receivable-paid", provider, payment_id);
}
std::string RefundTransferId(std::string_view provider, std::string_view refund_id) {
  return DeriveTransferId("refund", provider, refund_id);
}
std::string CreditNoteTransferId(std::string_view credit_note_number) {
  return DeriveTransferId("credit-note", "sealpost", credit_note_number);
}
std::string VatRoundingTransferId(std::string_view invoice_number) {
  return DeriveTransferId("vat-rounding", "sealpost", invoice_number);
}

common::Result<JournalEntry> TopUpPaidEntry(std::string_view provider, std::string_view payment_id,
                                            std::string_view customer_account_id, Cents gross,
                                            common::TimePoint at) {
  if (auto ok = RequirePositive(gross, "a top-up"); !ok) return Fail(ok.error());
  return JournalEntry::Create(TopUpTransferId(provider, payment_id), at, "Top-up",
                              Joined(provider, payment_id),
                              {{LedgerAccount::PspClearing(provider), gross},
                               {LedgerAccount::CustomerPrepaid(customer_account_id), -gross}});
}

common::Result<Cents> GrossOf(const DeliveryCharge& charge) {
  auto vat = VatOf(charge.net, charge.vat_percent);
  if (!vat) return Fail(vat.error());
  return AddCents(charge.net, *vat);
}

common::Result<JournalEntry> DeliveryDebitEntry(const DeliveryCharge& charge,
                                                common::TimePoint at) {
  if (auto ok = RequirePositive(charge.net, "a delivery price"); !ok) return Fail(ok.error());
  auto vat = VatOf(charge.net, charge.vat_percent);
  if (!vat) return Fail(vat.error());
  auto gross = AddCents(charge.net, *vat);
  if (!gross) return Fail(gross.error());
  std::vector<Posting> postings{
      {CustomerAccountFor(charge.mode, charge.customer_account_id), *gross}};
  AppendRevenueAndVat(postings, -charge.net, -*vat);
  return JournalEntry::Create(DeliveryDebitTransferId(charge.delivery_id), at, charge.description,
                              "delivery:" + charge.delivery_id, std::move(postings));
}

common::Result<JournalEntry> ReceivablePaidEntry(std::string_view provider,
                                                 std::string_view payment_id,
                                                 std::string_view customer_account_id, Cents amount,
                                                 common::TimePoint at) {
  if (auto ok = RequirePositive(amount, "a payment"); !ok) return Fail(ok.error());
  return JournalEntry::Create(ReceivablePaidTransferId(provider, payment_id), at, "Invoice payment",
                              Joined(provider, payment_id),
                              {{LedgerAccount::PspClearing(provider), amount},
                               {LedgerAccount::CustomerReceivable(customer_account_id), -amount}});
}

common::Result<JournalEntry> TopUpRefundedEntry(std::string_view provider,
                                                std::string_view refund_id,
                                                std::string_view customer_account_id, Cents amount,
                                                common::TimePoint at) {
  if (auto ok = RequirePositive(amount, "a refund"); !ok) return Fail(ok.error());
  return JournalEntry::Create(RefundTransferId(provider, refund_id), at, "Refund",
                              Joined(provider, refund_id),
                              {{LedgerAccount::CustomerPrepaid(customer_account_id), amount},
                               {LedgerAccount::PspClearing(provider), -amount}});
}

common::Result<JournalEntry> CreditNoteEntry(std::string_view credit_note_number,
                                             std::string_view customer_account_id, BillingMode mode,
                                             Cents net, Cents vat, common::TimePoint at) {
  if (auto ok = RequirePositive(net, "a credit note"); !ok) return Fail(ok.error());
  if (vat < 0) {
    return Fail(ErrorCode::kInvalidArgument, "a credit note's VAT is not negative",
                "invalid_amount");
  }
  auto gross = AddCents(net, vat);
  if (!gross) return Fail(gross.error());
  std::vector<Posting> postings;
  AppendRevenueAndVat(postings, net, vat);
  postings.push_back({CustomerAccountFor(mode, customer_account_id), -*gross});
  return JournalEntry::Create(CreditNoteTransferId(credit_note_number), at, "Credit note",
                              "invoice:" + std::string(credit_note_number), std::move(postings));
}

common::Result<JournalEntry> VatRoundingAdjustmentEntry(std::string_view invoice_number,
                                                        std::string_view customer_account_id,
                                                        BillingMode mode, Cents ledger_vat,
                                                        Cents invoiced_vat, common::TimePoint at) {
  Cents difference = 0;  // > 0: the ledger booked more VAT than invoiced
  if (__builtin_sub_overflow(ledger_vat, invoiced_vat, &difference)) {
    return Fail(ErrorCode::kInvalidArgument, "the VAT amounts are too large", "amount_overflow");
  }
  if (difference == 0) {
    return Fail(ErrorCode::kFailedPrecondition, "ledger and invoice VAT already agree",
                "nothing_to_adjust");
  }
  return JournalEntry::Create(VatRoundingTransferId(invoice_number), at, "VAT rounding",
                              "invoice:" + std::string(invoice_number),
                              {{LedgerAccount::VatPayable(), difference},
                               {CustomerAccountFor(mode, customer_account_id), -difference}});
}

}  // namespace sealpost::domain
