#include "domain/invoice_number.hpp"

#include <cstdio>

#include "domain/belgian_identifiers.hpp"

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

std::unexpected<common::Error> Invalid() {
  return Fail(ErrorCode::kInvalidArgument,
              "an invoice number is written YYYY-NNNNNN, e.g. 2026-000001",
              "invalid_invoice_number");
}

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

bool InRange(int year, int sequence) {
  return year >= 2000 && year <= 9999 && sequence >= 1 && sequence <= InvoiceNumber::kMaxSequence;
}

}  // namespace

std::string InvoiceNumber::Text() const {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%06d", year, sequence);
  return text;
}

common::Result<InvoiceNumber> InvoiceNumber::Parse(std::string_view text) {
  if (text.size() != 11 || text[4] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5))) {
    return Invalid();
  }
  InvoiceNumber number{std::stoi(std::string(text.substr(0, 4))),
                       std::stoi(std::string(text.substr(5)))};
  if (!InRange(number.year, number.sequence)) return Invalid();
  return number;
}

std::string InvoiceNumber::StructuredCommunication() const {
  char base[16];
  std::snprintf(base, sizeof base, "%04d%06d", year, sequence);
  // A valid number always gives a valid 10-digit base.
  return domain::StructuredCommunication(base).value_or(std::string());
}

common::Result<InvoiceNumber> NextInvoiceNumber(int year, std::optional<InvoiceNumber> last) {
  if (!InRange(year, 1)) {
    return Fail(ErrorCode::kInvalidArgument, "invoice years run from 2000 to 9999",
                "invalid_invoice_number");
  }
  if (!last) return InvoiceNumber{year, 1};
  if (last->year != year) {
    return Fail(ErrorCode::kInvalidArgument,
                "the last number " + last->Text() + " is not of " + std::to_string(year),
                "invalid_invoice_number");
  }
  if (!InRange(last->year, last->sequence)) return Invalid();
  if (last->sequence == InvoiceNumber::kMaxSequence) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the invoice series of " + std::to_string(year) + " is exhausted",
                "invoice_series_exhausted");
  }
  return InvoiceNumber{year, last->sequence + 1};
}

}  // namespace sealpost::domain
