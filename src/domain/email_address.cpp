#include "domain/email_address.hpp"

namespace sealpost::domain {

bool LooksLikeEmail(std::string_view email) {
  const auto at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos &&
         email.find_first_of(" \t\r\n<>\",;") == std::string_view::npos && email.size() <= 254;
}

}  // namespace sealpost::domain
