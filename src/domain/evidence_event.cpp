#include "domain/evidence_event.hpp"

#include <array>
#include <utility>

namespace sealpost::domain {

namespace {
constexpr std::array<std::pair<EvidenceEvent, std::string_view>, 13> kNames{{
    {EvidenceEvent::kSubmissionAcceptance, "SubmissionAcceptance"},
    {EvidenceEvent::kSubmissionRejection, "SubmissionRejection"},
    {EvidenceEvent::kNotificationForAcceptance, "NotificationForAcceptance"},
    {EvidenceEvent::kNotificationForAcceptanceFailure, "NotificationForAcceptanceFailure"},
    {EvidenceEvent::kConsignmentAcceptance, "ConsignmentAcceptance"},
    {EvidenceEvent::kConsignmentRejection, "ConsignmentRejection"},
    {EvidenceEvent::kAcceptanceRejectionExpiry, "AcceptanceRejectionExpiry"},
    {EvidenceEvent::kContentConsignment, "ContentConsignment"},
    {EvidenceEvent::kConsignmentNotification, "ConsignmentNotification"},
    {EvidenceEvent::kContentHandover, "ContentHandover"},
    {EvidenceEvent::kContentHandoverFailure, "ContentHandoverFailure"},
    {EvidenceEvent::kRelayToNonErds, "RelayToNonERDS"},
    {EvidenceEvent::kRelayToNonErdsFailure, "RelayToNonERDSFailure"},
}};
}  // namespace

std::string_view EventName(EvidenceEvent event) {
  for (const auto& [e, name] : kNames) {
    if (e == event) return name;
  }
  return "Unknown";
}

std::string EventUri(EvidenceEvent event) {
  return std::string(kEventUriPrefix) + std::string(EventName(event));
}

std::optional<EvidenceEvent> EventFromName(std::string_view name) {
  if (name.starts_with(kEventUriPrefix)) name.remove_prefix(kEventUriPrefix.size());
  for (const auto& [e, n] : kNames) {
    if (n == name) return e;
  }
  return std::nullopt;
}

bool IsNegative(EvidenceEvent event) {
  switch (event) {
    case EvidenceEvent::kSubmissionRejection:
    case EvidenceEvent::kNotificationForAcceptanceFailure:
    case EvidenceEvent::kConsignmentRejection:
    case EvidenceEvent::kAcceptanceRejectionExpiry:
    case EvidenceEvent::kContentHandoverFailure:
    case EvidenceEvent::kRelayToNonErdsFailure:
      return true;
    default:
      return false;
  }
}

std::string ReasonUri(std::string_view code) {
  return "http://uri.etsi.org/19522/Reason/" + std::string(code);
}

}  // namespace sealpost::domain
