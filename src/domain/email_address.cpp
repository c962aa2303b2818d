#include "domain/email_address.hpp"

namespace sealpost::domain {

bool LooksLikeEmail(std::string_view email) {
  const auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos &&
         email.find_first_of(" \t\r\n<>\",;") == std::string_view::npos && email.size() <= 254;
}

bool SameEmail(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace sealpost::domain
