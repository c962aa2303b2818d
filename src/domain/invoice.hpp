// The documents sealpost issues for money (PRODUCT.md §6): a receipt for each top-up, an invoice
// (a postpaid customer's month, or a prepaid customer's consumption), and a credit note that
// corrects an issued invoice. One model, written as PDF and as Peppol BIS Billing 3.0 UBL
// (adapters/invoice/ubl_invoice_writer.hpp). Pure value types and rules, no I/O.
//
// Amounts are integer cents and follow the EN 16931 arithmetic (ComputeTotals): the line net is
// quantity × unit price; the VAT of each category is computed once from the category's taxable
// total, rounded half up to the cent (BR-CO-17), never summed from rounded line VATs. A credit
// note holds positive amounts: its type says it is a correction.
//
// VAT categories: deliveries are standard rated ("S", 21 %). A top-up receipt is "O" (not subject
// to VAT): the top-up pays for services not yet identified, so no VAT is due until the deliveries
// are charged (see ledger_standard_entries.hpp); EN 16931 then forbids VAT identifiers on the
// document (BR-O-02), which the UBL writer respects.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/money.hpp"

namespace sealpost::domain {

enum class InvoiceKind {
  kTopUpReceipt,  // UBL Invoice 380, paid in full (prepaid amount = total)
  kInvoice,       // UBL Invoice 380
  kCreditNote,    // UBL CreditNote 381, corrects an issued invoice
};

enum class VatCategory {
  kStandardRate,     // "S"
  kNotSubjectToVat,  // "O"
};
std::string_view VatCategoryCode(VatCategory category);  // "S" | "O"

struct PostalAddress {
  std::string street;  // street and number
  std::string city;
  std::string postal_zone;
  std::string country_code;  // ISO 3166-1 alpha-2, e.g. "BE"
};

struct InvoiceParty {
  std::string name;               // legal name, or a person's full name
  std::string enterprise_number;  // 10 digits (KBO/BCE); empty for a person
  std::string vat_id;             // "BE" + 10 digits; empty when not VAT-registered
  PostalAddress address;
};

struct InvoiceLine {
  std::string id;           // unique within the document, e.g. "1"
  std::string description;  // e.g. "Electronic registered delivery"
  std::int64_t quantity = 1;
  std::string unit_code = "C62";  // UN/ECE rec. 20: C62 "one" (a delivery), H87 piece, …
  Cents unit_price = 0;           // net of VAT
  VatCategory vat_category = VatCategory::kStandardRate;
  int vat_percent = kStandardVatPercent;  // 0 for kNotSubjectToVat

  common::Result<Cents> Net() const;  // quantity × unit price, overflow-checked
};

// How to pay by bank transfer.
struct PaymentInstructions {
  std::string iban;  // the seller's account, without spaces, e.g. "BE68539007547034"
  std::string bic;   // optional
  std::string structured_communication;  // "+++ddd/dddd/ddddd+++" (InvoiceNumber gives one)
};

struct Invoice {
  InvoiceKind kind = InvoiceKind::kInvoice;
  std::string number;  // InvoiceNumber::Text(), e.g. "2026-000001"
  std::chrono::year_month_day issue_date;
  std::optional<std::chrono::year_month_day> due_date;
  std::string payment_terms;  // e.g. "Payable within 30 days"; this or due_date when payable > 0
  // The period billed (a month), optional.
  std::optional<std::chrono::year_month_day> period_start;
  std::optional<std::chrono::year_month_day> period_end;
  InvoiceParty seller;
  InvoiceParty buyer;
  std::string buyer_reference;  // Peppol asks for it: the customer's reference or account id
  std::string note;             // optional free text
  PaymentInstructions payment;
  std::vector<InvoiceLine> lines;
  Cents prepaid = 0;  // already paid (a receipt: the whole total; prepaid consumption: the total)
  // Credit notes: the invoice being corrected.
  std::string corrected_invoice_number;
  std::optional<std::chrono::year_month_day> corrected_invoice_date;
};

struct VatBreakdown {
  VatCategory category = VatCategory::kStandardRate;
  int percent = 0;
  Cents taxable = 0;
  Cents tax = 0;
  // Categories other than S carry a reason (BR-O-10): "Not subject to VAT".
  std::string exemption_reason;
};

// EN 16931 totals (BG-22). Without document-level allowances or charges:
// line_total = Σ line nets; tax_exclusive = line_total; tax = Σ category VAT;
// tax_inclusive = tax_exclusive + tax; payable = tax_inclusive − prepaid.
struct InvoiceTotals {
  Cents line_total = 0;
  Cents tax_exclusive = 0;
  Cents tax = 0;
  Cents tax_inclusive = 0;
  Cents prepaid = 0;
  Cents payable = 0;
  std::vector<VatBreakdown> breakdown;  // one row per (category, rate), in order of first use
};

common::Result<InvoiceTotals> ComputeTotals(const Invoice& invoice);

// Everything a document must satisfy before it is issued (kInvalidArgument, reason
// "invalid_invoice", message naming the field): a valid number; seller with name, valid
// enterprise number, address with country, and a VAT id "BE"+its enterprise number when a line
// is standard rated; buyer with name and address (enterprise number and VAT id valid when given);
// at least one line, unique ids, quantity > 0, unit price ≥ 0, S lines at a rate of 1..100 %, O
// lines at 0 % and not mixed with other categories; 0 ≤ prepaid ≤ total; a due date (not before
// the issue date) or payment terms when something is payable; a valid IBAN and structured
// communication; a credit note names the invoice it corrects.
common::Result<void> ValidateInvoice(const Invoice& invoice);

// ISO 13616 IBAN check (country, check digits mod 97, length 15..34, no spaces).
bool IsValidIban(std::string_view iban);

// A top-up receipt: one line "Prepaid balance top-up" for `gross` cents, not subject to VAT, paid
// in full through `provider_reference` (e.g. "mollie tr_WDqYK6vllg", written in the note). The
// payment instructions' structured communication is the receipt number's.
common::Result<Invoice> MakeTopUpReceipt(std::string_view number,
                                         std::chrono::year_month_day issue_date,
                                         InvoiceParty seller, InvoiceParty buyer,
                                         std::string buyer_reference, std::string iban, Cents gross,
                                         std::string_view provider_reference);

}  // namespace sealpost::domain
