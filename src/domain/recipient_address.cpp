#include "domain/recipient_address.hpp"

namespace sealpost::domain {

std::string_view RecipientAddressStatusName(RecipientAddressStatus status) {
  switch (status) {
    case RecipientAddressStatus::kPending:
      return "pending";
    case RecipientAddressStatus::kVerified:
      return "verified";
    case RecipientAddressStatus::kExpired:
      return "expired";
    case RecipientAddressStatus::kRemoved:
      return "removed";
  }
  return "pending";
}

}  // namespace sealpost::domain
