#include "domain/money.hpp"

#include <cstddef>
#include <limits>

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

// More integer digits than any configurable bound can need; stops the loop before it can overflow.
constexpr std::size_t kMaxIntegerDigits = 15;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::unexpected<common::Error> InvalidAmount() {
  return Fail(ErrorCode::kInvalidArgument,
              "an amount is written as digits with at most two decimals, e.g. 25 or 25.50",
              "invalid_amount");
}

std::unexpected<common::Error> Overflow() {
  return Fail(ErrorCode::kInvalidArgument, "the amount is too large to compute with",
              "amount_overflow");
}

// numerator / denominator (denominator > 0) rounded half away from zero.
__int128 DivideRounded(__int128 numerator, __int128 denominator) {
  __int128 magnitude = numerator < 0 ? -numerator : numerator;
  __int128 rounded = (2 * magnitude + denominator) / (2 * denominator);
  return numerator < 0 ? -rounded : rounded;
}

common::Result<Cents> Narrow(__int128 value) {
  if (value > std::numeric_limits<Cents>::max() || value < std::numeric_limits<Cents>::min())
    return Overflow();
  return static_cast<Cents>(value);
}

common::Result<void> CheckPercent(int percent) {
  if (percent < 0 || percent > 100)
    return Fail(ErrorCode::kInvalidArgument, "a VAT rate lies between 0 and 100 %",
                "invalid_vat_rate");
  return common::Ok();
}

}  // namespace

common::Result<Cents> ParseEuroAmount(std::string_view text, Cents min_cents, Cents max_cents) {
  const std::string_view trimmed = Trim(text);
  std::string_view rest = trimmed;
  std::size_t integer_digits = 0;
  Cents euros = 0;
  while (!rest.empty() && IsDigit(rest.front())) {
    // Leading zeros do not count towards the length limit ("000010" is ten euros).
    if (integer_digits > 0 || rest.front() != '0') ++integer_digits;
    if (integer_digits > kMaxIntegerDigits) {
      return Fail(ErrorCode::kInvalidArgument, "the amount is too large", "amount_too_large");
    }
    euros = euros * 10 + (rest.front() - '0');
    rest.remove_prefix(1);
  }
  if (rest.size() == trimmed.size()) return InvalidAmount();  // no integer digit at all
  Cents cents = 0;
  if (!rest.empty()) {
    if (rest.front() != '.' && rest.front() != ',') return InvalidAmount();
    rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 2) return InvalidAmount();
    for (char c : rest) {
      if (!IsDigit(c)) return InvalidAmount();
    }
    cents = (rest[0] - '0') * 10 + (rest.size() == 2 ? rest[1] - '0' : 0);
  }
  Cents amount = euros * 100 + cents;  // at most 15 digits + 2: far from overflow
  if (amount < min_cents) {
    return Fail(ErrorCode::kInvalidArgument,
                "the amount must be at least " + FormatDecimalAmount(min_cents) + " EUR",
                "amount_too_small");
  }
  if (amount > max_cents) {
    return Fail(ErrorCode::kInvalidArgument,
                "the amount may be at most " + FormatDecimalAmount(max_cents) + " EUR",
                "amount_too_large");
  }
  return amount;
}

std::string FormatDecimalAmount(Cents cents) {
  // Work on the magnitude as unsigned so that the minimum int64 does not overflow when negated.
  bool negative = cents < 0;
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() == 1) fraction = "0" + fraction;
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

common::Result<Cents> AddCents(Cents a, Cents b) {
  Cents sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return Overflow();
  return sum;
}

common::Result<Cents> MultiplyCents(Cents unit_cents, std::int64_t quantity) {
  Cents product = 0;
  if (__builtin_mul_overflow(unit_cents, quantity, &product)) return Overflow();
  return product;
}

common::Result<Cents> VatOf(Cents net, int percent) {
  if (auto ok = CheckPercent(percent); !ok) return Fail(ok.error());
  return Narrow(DivideRounded(static_cast<__int128>(net) * percent, 100));
}

common::Result<GrossSplit> SplitGross(Cents gross, int percent) {
  if (auto ok = CheckPercent(percent); !ok) return Fail(ok.error());
  auto net = Narrow(DivideRounded(static_cast<__int128>(gross) * 100, 100 + percent));
  if (!net) return Fail(net.error());
  return GrossSplit{*net, gross - *net};  // |net| <= |gross| with the same sign: no overflow
}

}  // namespace sealpost::domain
