// ApplyDeliveryEvent: the one way a delivery moves after submission. Loads the delivery and its
// item, checks that `event` fits the delivery's state (domain/delivery_state.hpp), seals the
// evidence, and commits evidence, state change, e-mails and any further writes in one
// transaction — or nothing. A concurrent change of the same delivery is retried once against the
// new state (which may then refuse the event). Thread-safe (the ports are).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/delivery_context.hpp"
#include "app/evidence_log.hpp"
#include "app/ports/database.hpp"
#include "app/ports/mail_outbox_repository.hpp"
#include "common/random.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::app {

struct DeliveryChange {
  domain::EvidenceEvent event;
  std::optional<domain::Reason> reason;
  // The recipient as identified just now (accepting, refusing, opening), if this event has one.
  std::optional<domain::PartyIdentity> recipient;
  // Further changes to the delivery row (deadline, account, reminders); the state is set already.
  std::function<void(domain::Delivery&)> update;
  // E-mails to queue with the change (to the sender, to the recipient).
  std::function<common::Result<std::vector<OutboxMail>>(const DeliveryContext&,
                                                        const domain::Delivery&)>
      mails;
  // Other writes of the same transaction (a consent, an audit entry).
  std::function<common::Result<void>(UnitOfWork&)> extra;
};

struct AppliedDeliveryEvent {
  DeliveryContext context;
  domain::Delivery delivery;  // as stored after the change
  std::string evidence_id;
};

// kNotFound for an unknown delivery; kFailedPrecondition when the event does not fit its state.
common::Result<AppliedDeliveryEvent> ApplyDeliveryEvent(Database& database, EvidenceLog& log,
                                                        common::Random& random,
                                                        common::TimePoint now,
                                                        const std::string& delivery_id,
                                                        const DeliveryChange& change);

}  // namespace sealpost::app
