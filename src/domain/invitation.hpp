// An invitation to join a company account (PRODUCT §3): an admin names an e-mail address and the
// roles; the link in the e-mail carries a random token (only its SHA-256 is stored); whoever
// follows it and identifies with eID/itsme joins with those roles. Possession of the link is the
// proof of the address, the eID/itsme sign-in the proof of the person — the joined person is
// recorded. Single use, expires after kInvitationLifetime, revocable. Plain value type.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/membership.hpp"

namespace sealpost::domain {

inline constexpr std::chrono::hours kInvitationLifetime{24 * 7};

enum class InvitationStatus { kPending, kAccepted, kRevoked, kExpired };
std::string_view InvitationStatusName(InvitationStatus status);

struct Invitation {
  std::string id;  // UUID
  std::string company_account_id;
  std::string email;  // as the admin typed it (trimmed)
  std::vector<Role> roles;
  std::string token_hash;  // hex SHA-256 of the token in the link
  std::string invited_by;  // account id of the inviting admin
  common::TimePoint created_at;
  common::TimePoint expires_at;
  std::optional<common::TimePoint> accepted_at;
  std::string accepted_by;  // person account id, once accepted
  std::optional<common::TimePoint> revoked_at;

  InvitationStatus StatusAt(common::TimePoint now) const {
    if (accepted_at) return InvitationStatus::kAccepted;
    if (revoked_at) return InvitationStatus::kRevoked;
    if (now >= expires_at) return InvitationStatus::kExpired;
    return InvitationStatus::kPending;
  }
};

}  // namespace sealpost::domain
