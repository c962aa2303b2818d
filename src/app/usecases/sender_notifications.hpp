// SenderNotifications: what happened lately to the items an account sent — acceptance, refusal,
// expiry, hand-over, failures — as the in-app counterpart of the sender_event e-mails (PRODUCT
// §4.3). Each person has their own "seen" mark per account they act for, so "new" means new to
// them. The list is read from the sealed evidence, so it cannot disagree with the timeline.
//
// Authorization: a signed-in person with the read permission on the account acted for (API
// clients follow items through the API and, later, webhooks). Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct SenderNotificationList {
  std::vector<SenderEventNotice> events;             // newest first
  std::optional<common::TimePoint> previously_seen;  // events after it are new
};

class SenderNotifications {
 public:
  static constexpr std::size_t kListed = 50;

  SenderNotifications(Database& database, const common::Clock& clock);

  // The latest kListed events and the caller's previous mark; moves the mark to now (showing the
  // list is seeing it).
  common::Result<SenderNotificationList> ShowAndMarkSeen(const Caller& caller);

 private:
  Database& database_;
  const common::Clock& clock_;
};

}  // namespace sealpost::app
