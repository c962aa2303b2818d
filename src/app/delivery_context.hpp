// DeliveryContext: an item with all its deliveries, its sender and the accounts its deliveries were
// consigned to — everything an evidence about one delivery must state. Loading it once and building
// evidence from it keeps every event after submission naming the parties the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/delivery.hpp"
#include "domain/evidence.hpp"
#include "domain/item.hpp"

namespace sealpost::app {

struct DeliveryContext {
  domain::Item item;
  std::vector<domain::Delivery> deliveries;  // by position
  std::optional<domain::Account> sender;
  std::vector<std::optional<domain::Account>> consigned_to;  // per delivery
};

// kNotFound when the item does not exist.
common::Result<DeliveryContext> LoadDeliveryContext(UnitOfWork& uow, const std::string& item_id);

// The evidence of `event` about `delivery`: parties, content and times from the context; id, event
// and event time filled; reason left to the caller. `authenticated_recipient`, when given, replaces
// the description of that delivery's recipient (the person who just identified, e.g. on hand-over).
domain::Evidence DeliveryEvidence(const DeliveryContext& context, const domain::Delivery& delivery,
                                  domain::EvidenceEvent event, common::TimePoint now,
                                  common::Random& random,
                                  const domain::PartyIdentity* authenticated_recipient = nullptr);

}  // namespace sealpost::app
