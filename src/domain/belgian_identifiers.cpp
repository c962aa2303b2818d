#include "domain/belgian_identifiers.hpp"

#include <cstdint>

namespace sealpost::domain {

namespace {

using common::ErrorCode;
using common::Fail;

// Keeps the digits; separators people type (". - / space") are dropped, anything else is rejected.
bool ExtractDigits(std::string_view text, std::string& out) {
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c != '.' && c != '-' && c != ' ' && c != '/') {
      return false;
    }
  }
  return true;
}

std::uint64_t ToNumber(std::string_view digits) {
  std::uint64_t n = 0;
  for (char c : digits) n = n * 10 + static_cast<std::uint64_t>(c - '0');
  return n;
}

int Mod97Check(std::uint64_t base) { return static_cast<int>(97 - base % 97); }

}  // namespace

common::Result<NationalNumber> NationalNumber::Parse(std::string_view text) {
  std::string digits;
  if (!ExtractDigits(text, digits) || digits.size() != 11) {
    return Fail(ErrorCode::kInvalidArgument, "a national register number has 11 digits",
                "invalid_national_number");
  }
  int month = std::stoi(digits.substr(2, 2));
  int day = std::stoi(digits.substr(4, 2));
  // BIS numbers add 20 or 40 to the month; month 0 / day 0 occur when the birth date is unknown.
  int base_month = month % 20;
  if (month > 52 || base_month > 12 || day > 31) {
    return Fail(ErrorCode::kInvalidArgument, "the national register number has no valid birth date",
                "invalid_national_number");
  }
  int check = std::stoi(digits.substr(9, 2));
  std::uint64_t first9 = ToNumber(std::string_view(digits).substr(0, 9));
  if (check != Mod97Check(first9) && check != Mod97Check(2000000000ULL + first9)) {
    return Fail(ErrorCode::kInvalidArgument,
                "the national register number's check digits are wrong", "invalid_national_number");
  }
  return NationalNumber{digits};
}

std::string NationalNumber::Formatted() const {
  return digits.substr(0, 2) + "." + digits.substr(2, 2) + "." + digits.substr(4, 2) + "-" +
         digits.substr(6, 3) + "." + digits.substr(9, 2);
}

common::Result<EnterpriseNumber> EnterpriseNumber::Parse(std::string_view text) {
  std::string digits;
  std::string_view rest = text;
  if (rest.size() >= 2 && (rest.substr(0, 2) == "BE" || rest.substr(0, 2) == "be"))
    rest.remove_prefix(2);
  if (!ExtractDigits(rest, digits)) {
    return Fail(ErrorCode::kInvalidArgument, "an enterprise number contains only digits",
                "invalid_enterprise_number");
  }
  if (digits.size() == 9) digits = "0" + digits;  // the old 9-digit form
  if (digits.size() != 10 || (digits[0] != '0' && digits[0] != '1')) {
    return Fail(ErrorCode::kInvalidArgument,
                "an enterprise number has 10 digits and starts with 0 or 1",
                "invalid_enterprise_number");
  }
  int check = std::stoi(digits.substr(8, 2));
  if (check != Mod97Check(ToNumber(std::string_view(digits).substr(0, 8)))) {
    return Fail(ErrorCode::kInvalidArgument, "the enterprise number's check digits are wrong",
                "invalid_enterprise_number");
  }
  return EnterpriseNumber{digits};
}

std::string EnterpriseNumber::Formatted() const {
  return digits.substr(0, 4) + "." + digits.substr(4, 3) + "." + digits.substr(7, 3);
}

common::Result<std::string> StructuredCommunication(std::string_view base) {
  if (base.size() != 10 || base.find_first_not_of("0123456789") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "a structured communication is built from 10 digits");
  }
  int check = static_cast<int>(ToNumber(base) % 97);
  if (check == 0) check = 97;
  std::string all(base);
  all += static_cast<char>('0' + check / 10);
  all += static_cast<char>('0' + check % 10);
  return "+++" + all.substr(0, 3) + "/" + all.substr(3, 4) + "/" + all.substr(7, 5) + "+++";
}

bool IsValidStructuredCommunication(std::string_view text) {
  if (text.size() != 20 || text.substr(0, 3) != "+++" || text.substr(17) != "+++" ||
      text[6] != '/' || text[11] != '/') {
    return false;
  }
  std::string digits;
  if (!ExtractDigits(text.substr(3, 14), digits) || digits.size() != 12) return false;
  auto expected = StructuredCommunication(std::string_view(digits).substr(0, 10));
  return expected && *expected == text;
}

common::Result<int> UpuS10CheckDigit(std::string_view digits) {
  static constexpr int kWeights[8] = {8, 6, 4, 2, 3, 5, 9, 7};
  if (digits.size() != 8 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument, "a UPU S10 serial has 8 digits");
  }
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += kWeights[i] * (digits[i] - '0');
  int check = 11 - sum % 11;
  if (check == 10) return 0;
  if (check == 11) return 5;
  return check;
}

}  // namespace sealpost::domain
