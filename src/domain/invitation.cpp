#include "domain/invitation.hpp"

namespace sealpost::domain {

std::string_view InvitationStatusName(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::kPending:
      return "pending";
    case InvitationStatus::kAccepted:
      return "accepted";
    case InvitationStatus::kRevoked:
      return "revoked";
    case InvitationStatus::kExpired:
      return "expired";
  }
  return "";
}

}  // namespace sealpost::domain
