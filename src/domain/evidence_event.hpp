// The ETSI EN 319 522 events sealpost records as evidence, and the reason codes of negative events.
// Names and URIs live here and only here (REFERENCE.md §1), so that a correction is a one-line
// change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sealpost::domain {

enum class EvidenceEvent : std::uint16_t {
  kSubmissionAcceptance = 1,
  kSubmissionRejection = 2,
  kNotificationForAcceptance = 10,
  kNotificationForAcceptanceFailure = 11,
  kConsignmentAcceptance = 12,
  kConsignmentRejection = 13,
  kAcceptanceRejectionExpiry = 14,
  kContentConsignment = 20,
  kConsignmentNotification = 21,
  kContentHandover = 30,
  kContentHandoverFailure = 31,
  kRelayToNonErds = 40,
  kRelayToNonErdsFailure = 41,
};

// "SubmissionAcceptance", ... exactly as in EN 319 522.
std::string_view EventName(EvidenceEvent event);
// "http://uri.etsi.org/19522/Event/SubmissionAcceptance", ...
std::string EventUri(EvidenceEvent event);
std::optional<EvidenceEvent> EventFromName(std::string_view name);
// A negative event must carry a reason (EN 319 522-2: EventReasons on every negative event).
bool IsNegative(EvidenceEvent event);

inline constexpr std::string_view kEventUriPrefix = "http://uri.etsi.org/19522/Event/";
inline constexpr std::string_view kEvidenceNamespace = "http://uri.etsi.org/19522/v1#";
// (verify) the exact version string of EN 319 522-3 that our structure follows.
inline constexpr std::string_view kEvidenceVersion = "EN319522v1.2.1";

// Reason codes (EN 319 522-2 Annex; verify the full list). The code is the last path segment of the
// URI.
struct Reason {
  std::string_view code;     // e.g. "RA01"
  std::string_view summary;  // English short text, also used as default details
};

namespace reasons {
inline constexpr Reason kInvalidRecipientIdentifier{"RA03", "Recipient identifier invalid"};
inline constexpr Reason kUnsupportedContent{"RA05", "Content type not supported"};
inline constexpr Reason kContentTooLarge{"RA06", "Message size exceeds the limit"};
inline constexpr Reason kSenderNotAllowed{"RA08", "Sender not authorised to submit"};
inline constexpr Reason kInsufficientBalance{"RA09", "Insufficient balance"};
inline constexpr Reason kNotificationBounced{"RC02", "Notification could not be delivered"};
inline constexpr Reason kRecipientRefused{"RC08", "Recipient rejected the consignment"};
inline constexpr Reason kAcceptanceExpired{"RC09", "Acceptance period expired"};
inline constexpr Reason kHandoverExpired{"RE02", "Handover period expired"};
inline constexpr Reason kPostalRelayFailed{"RF01", "Postal operator could not take over the item"};
}  // namespace reasons

std::string ReasonUri(std::string_view code);  // "http://uri.etsi.org/19522/Reason/RA03"

}  // namespace sealpost::domain
