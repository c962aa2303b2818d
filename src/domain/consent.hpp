// A recipient's standing consent to receive registered items electronically (PRODUCT.md §4.2 A).
// Revocable: a revoked consent stops future electronic deliveries, not the ones already made.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"

namespace sealpost::domain {

struct Consent {
  std::string id;
  std::string account_id;
  std::string scope;     // "all" for now: every sender
  std::string identity;  // who gave it, as identified (name and national/enterprise number)
  common::TimePoint given_at;
  std::optional<common::TimePoint> revoked_at;

  bool ActiveAt(common::TimePoint t) const {
    return given_at <= t && (!revoked_at || t < *revoked_at);
  }
};

}  // namespace sealpost::domain
