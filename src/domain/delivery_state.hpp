// The per-recipient delivery state machine (PRODUCT.md §4.2). Every transition is caused by exactly
// one evidence event; an event that does not fit the current state is refused, so an illegal
// transition cannot be recorded. Pure, thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::domain {

enum class DeliveryState {
  kAccepted,             // SubmissionAcceptance: the provider took the item for this recipient
  kAwaitingAcceptance,   // NotificationForAcceptance: unregistered recipient notified (procedure B)
  kNotificationFailed,   // NotificationForAcceptanceFailure (final)
  kConsignmentAccepted,  // ConsignmentAcceptance: recipient agreed to electronic delivery
  kRefused,              // ConsignmentRejection (final)
  kExpired,              // AcceptanceRejectionExpiry (final)
  kConsigned,            // ContentConsignment: in the registered recipient's inbox (procedure A)
  kNotified,             // ConsignmentNotification: recipient told
  kHandedOver,           // ContentHandover: proof of receipt (final)
  kHandoverFailed,       // ContentHandoverFailure (final)
  kRelayedToPost,        // RelayToNonERDS: handed to the postal operator (final)
  kRelayFailed,          // RelayToNonERDSFailure (final)
};

std::string_view StateName(DeliveryState state);  // "accepted", "handed_over", ...
std::optional<DeliveryState> StateFromName(std::string_view name);
bool IsFinal(DeliveryState state);
// Content may be handed over (read) in these states.
bool ContentAvailable(DeliveryState state);

// The state after `event`, where `current` is empty for a delivery that does not exist yet.
// kFailedPrecondition when the event is not allowed in the current state.
common::Result<DeliveryState> NextState(std::optional<DeliveryState> current, EvidenceEvent event);

}  // namespace sealpost::domain
