// The sender's in-app notifications (PRODUCT §4.3: the sender is told of every event, by e-mail
// and in the application): the latest events on the items an account sent, read from the evidence
// itself, and when each person last looked, per account they act for. Used only inside a
// UnitOfWork (one per thread).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::app {

// One event on one delivery of an item the account sent (no sealed XML: a list entry).
struct SenderEventNotice {
  std::string evidence_id;
  std::string item_id;
  std::string item_subject;
  std::string delivery_id;
  std::string recipient_name;
  domain::EvidenceEvent event = domain::EvidenceEvent::kSubmissionAcceptance;
  std::string reason_code;
  common::TimePoint event_time;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // Newest first, at most `limit`, leaving out the events the sender caused itself when
  // submitting (SubmissionAcceptance/Rejection, ContentConsignment).
  virtual common::Result<std::vector<SenderEventNotice>> RecentForSender(
      const std::string& sender_account_id, std::size_t limit) = 0;
  virtual common::Result<std::optional<common::TimePoint>> SeenAt(
      const std::string& person_account_id, const std::string& account_id) = 0;
  // Never moves the mark backwards.
  virtual common::Result<void> MarkSeen(const std::string& person_account_id,
                                        const std::string& account_id, common::TimePoint at) = 0;
};

}  // namespace sealpost::app
