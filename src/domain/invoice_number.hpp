// Invoice numbers: one gap-free series per calendar year, "2026-000001", "2026-000002", …
//
// One series for every document sealpost issues — top-up receipts, invoices and credit notes —
// because Belgian VAT law asks for a continuous numbering an auditor can check for gaps; one series
// means one counter per year to lock when a number is taken, and a credit note stays findable
// among the invoices it corrects (its type is in the document, not in the number).
// The rule is pure: storage keeps the last issued number per year and takes the next one inside
// the transaction that issues the document, so a rolled-back transaction leaves no gap.
//
// The number also gives the document's Belgian structured communication (+++ddd/dddd/ddddd+++):
// the year's four digits and the six-digit sequence are exactly its 10-digit base, so a bank
// transfer carrying it identifies the document without a lookup table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace sealpost::domain {

struct InvoiceNumber {
  static constexpr int kMaxSequence = 999'999;

  int year = 0;      // 2000..9999
  int sequence = 0;  // 1..kMaxSequence

  std::string Text() const;  // "2026-000001"
  static common::Result<InvoiceNumber> Parse(std::string_view text);
  // "+++202/6000/00197+++" for 2026-000001 (base 2026000001).
  std::string StructuredCommunication() const;

  friend bool operator==(const InvoiceNumber&, const InvoiceNumber&) = default;
};

// The next number in `year`'s series, given the last number issued in that year (none yet: the
// first of the year). Refused when `last` belongs to another year (kInvalidArgument) or the series
// is exhausted (kFailedPrecondition, reason "invoice_series_exhausted").
common::Result<InvoiceNumber> NextInvoiceNumber(int year, std::optional<InvoiceNumber> last);

}  // namespace sealpost::domain
