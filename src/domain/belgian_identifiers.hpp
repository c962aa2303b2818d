// Belgian identifiers and their check digits (REFERENCE.md §4). Pure functions, thread-safe.
// Each Parse accepts the usual printed forms (dots, dashes, spaces) and returns the canonical
// digits.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace sealpost::domain {

// National register number (rijksregisternummer), incl. BIS numbers: 11 digits, check = 97 - (first
// 9 digits mod 97), or for births from 2000 the same over "2" followed by the 9 digits.
struct NationalNumber {
  std::string digits;  // 11 digits, no separators
  static common::Result<NationalNumber> Parse(std::string_view text);
  std::string Formatted() const;  // YY.MM.DD-SSS.CC
};

// KBO/BCE enterprise number: 10 digits starting with 0 or 1, check = 97 - (first 8 digits mod 97).
struct EnterpriseNumber {
  std::string digits;  // 10 digits, no separators
  static common::Result<EnterpriseNumber> Parse(std::string_view text);
  std::string Formatted() const;  // 0xxx.xxx.xxx
  std::string VatId() const { return "BE" + digits; }
};

// Belgian structured communication "+++ddd/dddd/ddddd+++" from a 10-digit base.
common::Result<std::string> StructuredCommunication(std::string_view ten_digit_base);
bool IsValidStructuredCommunication(std::string_view text);

// UPU S10 check digit for the 8 serial digits of an international item number (e.g. RR473124829BE).
common::Result<int> UpuS10CheckDigit(std::string_view eight_digits);

}  // namespace sealpost::domain
