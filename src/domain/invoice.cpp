#include "domain/invoice.hpp"

#include <set>
#include <utility>

#include "domain/belgian_identifiers.hpp"
#include "domain/invoice_number.hpp"

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

constexpr const char* kNotSubjectToVatReason = "Not subject to VAT";

std::unexpected<common::Error> Invalid(std::string message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), "invalid_invoice");
}

bool IsUpperAlpha(std::string_view text) {
  for (char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return !text.empty();
}

bool IsDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

common::Result<void> ValidateAddress(const PostalAddress& address, const std::string& who) {
  if (address.street.empty() || address.city.empty() || address.postal_zone.empty()) {
    return Invalid(who + " address needs street, postal code and city");
  }
  if (address.country_code.size() != 2 || !IsUpperAlpha(address.country_code)) {
    return Invalid(who + " country is an ISO 3166-1 code such as BE");
  }
  return common::Ok();
}

common::Result<void> ValidateParty(const InvoiceParty& party, const std::string& who,
                                   bool needs_enterprise_number) {
  if (party.name.empty()) return Invalid(who + " needs a name");
  if (needs_enterprise_number || !party.enterprise_number.empty()) {
    auto number = EnterpriseNumber::Parse(party.enterprise_number);
    if (!number || number->digits != party.enterprise_number) {
      return Invalid(who + " enterprise number must be 10 digits with valid check digits");
    }
  }
  if (!party.vat_id.empty()) {
    if (party.vat_id.size() < 4 || !IsUpperAlpha(party.vat_id.substr(0, 2))) {
      return Invalid(who + " VAT id starts with its country code, e.g. BE0123456749");
    }
    if (party.vat_id.starts_with("BE") &&
        (!EnterpriseNumber::Parse(party.vat_id) || !IsDigits(party.vat_id.substr(2)) ||
         party.vat_id.size() != 12)) {
      return Invalid(who + " Belgian VAT id is BE followed by a valid enterprise number");
    }
  }
  return ValidateAddress(party.address, who);
}

}  // namespace

std::string_view VatCategoryCode(VatCategory category) {
  return category == VatCategory::kStandardRate ? "S" : "O";
}

common::Result<Cents> InvoiceLine::Net() const { return MultiplyCents(unit_price, quantity); }

common::Result<InvoiceTotals> ComputeTotals(const Invoice& invoice) {
  InvoiceTotals totals;
  for (const InvoiceLine& line : invoice.lines) {
    auto net = line.Net();
    if (!net) return Fail(net.error());
    auto sum = AddCents(totals.line_total, *net);
    if (!sum) return Fail(sum.error());
    totals.line_total = *sum;
    VatBreakdown* row = nullptr;
    for (VatBreakdown& existing : totals.breakdown) {
      if (existing.category == line.vat_category && existing.percent == line.vat_percent) {
        row = &existing;
      }
    }
    if (row == nullptr) {
      totals.breakdown.push_back(
          {line.vat_category, line.vat_percent, 0, 0,
           line.vat_category == VatCategory::kNotSubjectToVat ? kNotSubjectToVatReason : ""});
      row = &totals.breakdown.back();
    }
    auto taxable = AddCents(row->taxable, *net);
    if (!taxable) return Fail(taxable.error());
    row->taxable = *taxable;
  }
  for (VatBreakdown& row : totals.breakdown) {
    if (row.category == VatCategory::kStandardRate) {
      auto tax = VatOf(row.taxable, row.percent);
      if (!tax) return Fail(tax.error());
      row.tax = *tax;
    }
    auto sum = AddCents(totals.tax, row.tax);
    if (!sum) return Fail(sum.error());
    totals.tax = *sum;
  }
  totals.tax_exclusive = totals.line_total;
  auto inclusive = AddCents(totals.tax_exclusive, totals.tax);
  if (!inclusive) return Fail(inclusive.error());
  totals.tax_inclusive = *inclusive;
  totals.prepaid = invoice.prepaid;
  auto payable = AddCents(totals.tax_inclusive, -invoice.prepaid);
  if (!payable) return Fail(payable.error());
  totals.payable = *payable;
  return totals;
}

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34 || !IsUpperAlpha(iban.substr(0, 2)) ||
      !IsDigits(iban.substr(2, 2))) {
    return false;
  }
  // Move the first four characters to the end, letters become 10..35, the number mod 97 is 1.
  int remainder = 0;
  auto feed = [&remainder](int value) {
    remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value;
    remainder %= 97;
  };
  std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      feed(c - '0');
    } else if (c >= 'A' && c <= 'Z') {
      feed(c - 'A' + 10);
    } else {
      return false;
    }
  }
  return remainder == 1;
}

common::Result<void> ValidateInvoice(const Invoice& invoice) {
  if (!InvoiceNumber::Parse(invoice.number)) {
    return Invalid("the document number must be YYYY-NNNNNN");
  }
  if (!invoice.issue_date.ok()) return Invalid("the issue date is not a date");
  if (invoice.lines.empty()) return Invalid("a document has at least one line");

  bool any_standard = false;
  bool any_not_subject = false;
  std::set<std::string> ids;
  for (const InvoiceLine& line : invoice.lines) {
    if (line.id.empty() || !ids.insert(line.id).second) {
      return Invalid("each line needs its own id");
    }
    if (line.description.empty()) return Invalid("line " + line.id + " needs a description");
    if (line.quantity <= 0) return Invalid("line " + line.id + " needs a quantity above zero");
    if (line.unit_code.empty()) return Invalid("line " + line.id + " needs a unit code");
    if (line.unit_price < 0) return Invalid("line " + line.id + " has a negative price");
    if (line.vat_category == VatCategory::kStandardRate) {
      any_standard = true;
      if (line.vat_percent < 1 || line.vat_percent > 100) {
        return Invalid("line " + line.id + " is standard rated: its VAT rate is 1..100 %");
      }
    } else {
      any_not_subject = true;
      if (line.vat_percent != 0) return Invalid("line " + line.id + " is not subject to VAT");
    }
  }
  if (any_standard && any_not_subject) {
    return Invalid("lines not subject to VAT cannot share a document with taxed lines");
  }

  if (auto ok = ValidateParty(invoice.seller, "the seller's", true); !ok) return ok;
  if (any_standard && invoice.seller.vat_id != "BE" + invoice.seller.enterprise_number) {
    return Invalid("the seller's VAT id must be BE followed by its enterprise number");
  }
  if (auto ok = ValidateParty(invoice.buyer, "the buyer's", false); !ok) return ok;

  auto totals = ComputeTotals(invoice);
  if (!totals) return Fail(totals.error());
  if (invoice.prepaid < 0 || invoice.prepaid > totals->tax_inclusive) {
    return Invalid("the amount already paid lies between zero and the total");
  }
  if (totals->payable > 0 && !invoice.due_date && invoice.payment_terms.empty()) {
    return Invalid("a document with an amount due needs a due date or payment terms");
  }
  if (invoice.due_date && (!invoice.due_date->ok() || *invoice.due_date < invoice.issue_date)) {
    return Invalid("the due date is a date on or after the issue date");
  }
  if (invoice.period_start.has_value() != invoice.period_end.has_value() ||
      (invoice.period_start && *invoice.period_end < *invoice.period_start)) {
    return Invalid("the billed period has a start and an end, in that order");
  }
  if (!IsValidIban(invoice.payment.iban)) return Invalid("the seller's IBAN is not valid");
  if (!invoice.payment.structured_communication.empty() &&
      !IsValidStructuredCommunication(invoice.payment.structured_communication)) {
    return Invalid("the structured communication has wrong check digits");
  }
  if (invoice.kind == InvoiceKind::kCreditNote) {
    if (!InvoiceNumber::Parse(invoice.corrected_invoice_number)) {
      return Invalid("a credit note names the invoice it corrects");
    }
  } else if (!invoice.corrected_invoice_number.empty()) {
    return Invalid("only a credit note corrects another invoice");
  }
  if (invoice.kind == InvoiceKind::kTopUpReceipt && totals->payable != 0) {
    return Invalid("a top-up receipt is paid in full");
  }
  return common::Ok();
}

common::Result<Invoice> MakeTopUpReceipt(std::string_view number,
                                         std::chrono::year_month_day issue_date,
                                         InvoiceParty seller, InvoiceParty buyer,
                                         std::string buyer_reference, std::string iban, Cents gross,
                                         std::string_view provider_reference) {
  auto parsed = InvoiceNumber::Parse(number);
  if (!parsed) return Fail(parsed.error());
  if (gross <= 0) return Invalid("a top-up is more than zero");
  Invoice receipt;
  receipt.kind = InvoiceKind::kTopUpReceipt;
  receipt.number = std::string(number);
  receipt.issue_date = issue_date;
  receipt.seller = std::move(seller);
  receipt.buyer = std::move(buyer);
  receipt.buyer_reference = std::move(buyer_reference);
  receipt.note = "Paid online (" + std::string(provider_reference) +
                 "). VAT is charged on the deliveries paid from this balance.";
  receipt.payment = {std::move(iban), {}, parsed->StructuredCommunication()};
  receipt.lines.push_back(
      {"1", "Prepaid balance top-up", 1, "C62", gross, VatCategory::kNotSubjectToVat, 0});
  receipt.prepaid = gross;
  if (auto ok = ValidateInvoice(receipt); !ok) return Fail(ok.error());
  return receipt;
}

}  // namespace sealpost::domain
