// Money: euro amounts as integer cents, how a person's typed amount becomes cents, how cents are
// written for payment providers and invoices, and how VAT is computed. Pure functions, no I/O.
//
// Why integer cents: a ledger must add up exactly; doubles do not. Every sum and product here is
// overflow-checked, because an amount that wraps around would silently create or destroy money.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace sealpost::domain {

using Cents = std::int64_t;

// Belgian standard VAT rate (PRODUCT.md §6).
inline constexpr int kStandardVatPercent = 21;

// A typed euro amount → cents. Accepted: digits, optionally followed by one decimal separator
// ('.' or ',') and one or two digits: "10", "10.5", "10,50", "0.80"; surrounding spaces are
// ignored. Refused (kInvalidArgument, reason "invalid_amount"): empty text, a sign ("-5", "+5"),
// more than two decimals, a currency sign, thousands separators ("1 000", "1.000,00": "1.000"
// would mean one euro in English and a thousand in Dutch, so no grouping is guessed), a dangling
// separator ("10.", ".5"). Amounts outside [min_cents, max_cents] are refused with reason
// "amount_too_small" / "amount_too_large"; the caller chooses the bounds (e.g. top-up 1.00 to
// 10 000.00). Never overflows: absurdly long inputs are "amount_too_large".
common::Result<Cents> ParseEuroAmount(std::string_view text, Cents min_cents, Cents max_cents);

// Cents as a decimal string with exactly two decimals and '.' as separator, no grouping:
// 1000 → "10.00", 5 → "0.05", -150 → "-1.50". The format Mollie's `amount.value` and UBL amounts
// require. (For display to people use ui::Formatter::FormatMoney.)
std::string FormatDecimalAmount(Cents cents);

// Overflow-checked arithmetic (kInvalidArgument, reason "amount_overflow", on overflow).
common::Result<Cents> AddCents(Cents a, Cents b);
common::Result<Cents> MultiplyCents(Cents unit_cents, std::int64_t quantity);

// VAT of a net amount at `percent` (0..100), rounded to the cent half away from zero: 0.5 cent
// rounds up for positive amounts (EN 16931 rounds the VAT of each category to two decimals,
// half up) and a negative amount (a correction) mirrors its positive counterpart.
// VatOf(80, 21) = 17 (16.8), VatOf(50, 21) = 11 (10.5 → 11), VatOf(-50, 21) = -11.
common::Result<Cents> VatOf(Cents net, int percent);

// A VAT-inclusive amount split into net and VAT with net + vat == gross exactly. The net is the
// gross divided by (1 + rate), rounded half away from zero, and the VAT is the remainder; the VAT
// can differ by a cent from VatOf(net) because not every gross amount is reachable from a net one.
struct GrossSplit {
  Cents net = 0;
  Cents vat = 0;
};
common::Result<GrossSplit> SplitGross(Cents gross, int percent);

}  // namespace sealpost::domain
