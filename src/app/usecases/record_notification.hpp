// RecordNotification: what the mail system's answer means for a delivery (PRODUCT §4.2). The mail
// job calls it for every e-mail about a delivery once the e-mail is taken over or has failed for
// good:
//   - a notification of a recipient who is not registered, taken over → NotificationForAcceptance
//     (the delivery now awaits the decision);
//   - the notice of a new item to a registered recipient, taken over → ConsignmentNotification;
//   - a notification or reminder that bounced → NotificationForAcceptanceFailure (final), and
//     the sender is told.
// Anything else (a reminder taken over, a delivery that moved on meanwhile) changes nothing.
// Thread-safe.
#pragma once

#include <string>

#include "app/evidence_log.hpp"
#include "app/ports/database.hpp"
#include "app/ports/mail_outbox_repository.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class RecordNotification {
 public:
  RecordNotification(Database& database, EvidenceLog& log, const common::Clock& clock,
                     common::Random& random, std::string public_base_url);

  common::Result<void> Sent(const OutboxMail& mail);
  common::Result<void> Failed(const OutboxMail& mail, const common::Error& error);

 private:
  Database& database_;
  EvidenceLog& log_;
  const common::Clock& clock_;
  common::Random& random_;
  std::string public_base_url_;
};

}  // namespace sealpost::app
