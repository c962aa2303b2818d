// An e-mail address at which a registered recipient is reached (PRODUCT §4.2 A). Registering as a
// recipient means confirming the address by a link sent to it: the link carries a random token
// (only its SHA-256 is stored), works once and expires after kAddressVerificationLifetime. The
// person who asked is recorded with the identity they signed in with, because the standing consent
// that the verification activates is theirs. Plain value type.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/clock.hpp"

namespace sealpost::domain {

inline constexpr std::chrono::hours kAddressVerificationLifetime{24 * 3};

enum class RecipientAddressStatus { kPending, kVerified, kExpired, kRemoved };
std::string_view RecipientAddressStatusName(RecipientAddressStatus status);

struct RecipientAddress {
  std::string id;                       // UUID
  std::string account_id;               // the person or company that is reached there
  std::string email;                    // as typed (trimmed); compared case-insensitively
  std::string token_hash;               // hex SHA-256 of the token in the verification link
  std::string requested_by_account_id;  // the signed-in person who asked
  std::string requested_by;             // that person as identified (name and national number)
  std::string locale;                   // the language of the verification mail
  common::TimePoint requested_at;
  common::TimePoint expires_at;
  std::optional<common::TimePoint> verified_at;
  std::optional<common::TimePoint> removed_at;

  RecipientAddressStatus StatusAt(common::TimePoint now) const {
    if (removed_at) return RecipientAddressStatus::kRemoved;
    if (verified_at) return RecipientAddressStatus::kVerified;
    if (now >= expires_at) return RecipientAddressStatus::kExpired;
    return RecipientAddressStatus::kPending;
  }
};

}  // namespace sealpost::domain
