// RecipientDecision: procedure B of PRODUCT §4.2 from the recipient's side. Whoever holds the
// single-use link sees who sent an item and until when they may decide (Preview: no subject, no
// content). Signed in with eID/itsme, the recipient named by the sender accepts — the item is
// then theirs to open, and they may register for future items in the same step — or refuses.
// Each decision is sealed evidence naming the identified person and told to the sender.
//
// The identity must match what the sender gave (domain/recipient_match.hpp). A mismatch is shown
// to the person (kPermissionDenied with the reason), recorded in the audit log, and leaves the
// item pending. A link decides once: afterwards, and after the deadline, it only shows what
// happened. Unknown links answer kNotFound. Thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "app/caller.hpp"
#include "app/evidence_log.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/delivery.hpp"

namespace sealpost::app {

struct LinkPreview {
  std::string delivery_id;
  std::string sender_name;
  std::string recipient_name;  // as the sender wrote it
  domain::DeliveryState state = domain::DeliveryState::kAccepted;
  std::optional<common::TimePoint> deadline;
  bool can_decide = false;  // still awaiting the decision, deadline not passed
};

class RecipientDecision {
 public:
  RecipientDecision(Database& database, EvidenceLog& log, const common::Clock& clock,
                    common::Random& random, std::chrono::days handover_period,
                    std::string public_base_url);

  common::Result<LinkPreview> Preview(std::string_view token);
  // kPermissionDenied: an API key, or not the named recipient (recorded); kFailedPrecondition:
  // decided already, or the deadline passed.
  common::Result<domain::Delivery> Accept(const Caller& caller, std::string_view token,
                                          bool register_for_future);
  common::Result<domain::Delivery> Refuse(const Caller& caller, std::string_view token);

 private:
  // The delivery of `token` after checking the caller may decide on it now.
  common::Result<domain::Delivery> Decidable(const Caller& caller, std::string_view token,
                                             domain::PartyIdentity& who);

  Database& database_;
  EvidenceLog& log_;
  const common::Clock& clock_;
  common::Random& random_;
  std::chrono::days handover_period_;
  std::string public_base_url_;
};

}  // namespace sealpost::app
