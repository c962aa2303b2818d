#include "domain/delivery_state.hpp"

#include <array>
#include <string>
#include <utility>

namespace sealpost::domain {

namespace {
using S = DeliveryState;
using E = EvidenceEvent;

constexpr std::array<std::pair<S, std::string_view>, 12> kStateNames{{
    {S::kAccepted, "accepted"},
    {S::kAwaitingAcceptance, "awaiting_acceptance"},
    {S::kNotificationFailed, "notification_failed"},
    {S::kConsignmentAccepted, "consignment_accepted"},
    {S::kRefused, "refused"},
    {S::kExpired, "expired"},
    {S::kConsigned, "consigned"},
    {S::kNotified, "notified"},
    {S::kHandedOver, "handed_over"},
    {S::kHandoverFailed, "handover_failed"},
    {S::kRelayedToPost, "relayed_to_post"},
    {S::kRelayFailed, "relay_failed"},
}};

struct Transition {
  S from;
  E event;
  S to;
};

// The whole state machine. Anything not listed is illegal.
constexpr std::array<Transition, 17> kTransitions{{
    // Procedure A: registered recipient.
    {S::kAccepted, E::kContentConsignment, S::kConsigned},
    {S::kConsigned, E::kConsignmentNotification, S::kNotified},
    {S::kConsigned, E::kContentHandover, S::kHandedOver},
    {S::kConsigned, E::kContentHandoverFailure, S::kHandoverFailed},
    {S::kNotified, E::kContentHandover, S::kHandedOver},
    {S::kNotified, E::kContentHandoverFailure, S::kHandoverFailed},
    // Procedure B: recipient not registered.
    {S::kAccepted, E::kNotificationForAcceptance, S::kAwaitingAcceptance},
    {S::kAccepted, E::kNotificationForAcceptanceFailure, S::kNotificationFailed},
    {S::kAwaitingAcceptance, E::kNotificationForAcceptanceFailure, S::kNotificationFailed},
    {S::kAwaitingAcceptance, E::kConsignmentAcceptance, S::kConsignmentAccepted},
    {S::kAwaitingAcceptance, E::kConsignmentRejection, S::kRefused},
    {S::kAwaitingAcceptance, E::kAcceptanceRejectionExpiry, S::kExpired},
    {S::kConsignmentAccepted, E::kContentHandover, S::kHandedOver},
    {S::kConsignmentAccepted, E::kContentHandoverFailure, S::kHandoverFailed},
    // Paper channel.
    {S::kAccepted, E::kRelayToNonErds, S::kRelayedToPost},
    {S::kAccepted, E::kRelayToNonErdsFailure, S::kRelayFailed},
    {S::kRelayFailed, E::kRelayToNonErds, S::kRelayedToPost},
}};
}  // namespace

std::string_view StateName(DeliveryState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "unknown";
}

std::optional<DeliveryState> StateFromName(std::string_view name) {
  for (const auto& [s, n] : kStateNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

bool IsFinal(DeliveryState state) {
  switch (state) {
    case S::kNotificationFailed:
    case S::kRefused:
    case S::kExpired:
    case S::kHandedOver:
    case S::kHandoverFailed:
    case S::kRelayedToPost:
      return true;
    default:
      return false;
  }
}

bool ContentAvailable(DeliveryState state) {
  return state == S::kConsigned || state == S::kNotified || state == S::kConsignmentAccepted ||
         state == S::kHandedOver;
}

common::Result<DeliveryState> NextState(std::optional<DeliveryState> current, EvidenceEvent event) {
  if (!current) {
    if (event == E::kSubmissionAcceptance) return S::kAccepted;
    return common::Fail(
        common::ErrorCode::kFailedPrecondition,
        "a delivery starts with SubmissionAcceptance, not " + std::string(EventName(event)));
  }
  for (const Transition& t : kTransitions) {
    if (t.from == *current && t.event == event) return t.to;
  }
  return common::Fail(common::ErrorCode::kFailedPrecondition, std::string(EventName(event)) +
                                                                  " is not allowed in state " +
                                                                  std::string(StateName(*current)));
}

}  // namespace sealpost::domain
