// EvidenceReader: what a stored sealed evidence states — event, times, parties with their
// identities, content — read back from the sealed document itself, so that whatever presents a
// delivery (the PDF certificate) states exactly what the proofs state and nothing the database
// may say differently. Reading includes checking the seal and the time-stamp: a stored evidence
// that no longer verifies is never restated as a fact.
// Implementations are thread-safe: Read may be called from several workers at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/evidence.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::app {

// A party as an evidence states it (EN 319 522 SenderDetails / RecipientDetails).
struct StatedParty {
  std::string name;   // legal name, or "Given Family", or the name the sender gave
  std::string email;  // without "mailto:"; empty when not stated
  // eIDAS identifiers exactly as written, e.g. "BE/BE/85073003328", "BE/BE/0566988259".
  std::string person_identifier;
  std::string legal_person_identifier;
  // true: the provider identified the party (eIDAS Identity attributes and a level of
  // assurance); false: the identifiers were declared by someone else (the sender) and not yet
  // verified.
  bool identified = false;
  std::string level_of_assurance;     // e.g. http://eidas.europa.eu/LoA/high; empty when unknown
  std::string authentication_method;  // e.g. "itsme", "eid", "api-key"; empty when unknown
  std::optional<common::TimePoint> authentication_time;
};

struct EvidenceFacts {
  std::string evidence_id;  // UUID, without "urn:uuid:"
  domain::EvidenceEvent event = domain::EvidenceEvent::kSubmissionAcceptance;
  std::string reason_code;  // e.g. "RC08"; empty on positive events
  std::string reason_details;
  common::TimePoint event_time;
  // genTime of the evidence's verified RFC 3161 signature time-stamp: the time that counts.
  common::TimePoint time_stamped_at;
  common::TimePoint submission_time;
  std::string issuer_name;  // the provider that issued the evidence
  StatedParty sender;
  StatedParty recipient;    // the recipient the evidence refers to
  std::string message_id;   // the item id
  std::string delivery_id;  // empty when the evidence names none
  std::string subject;
  std::vector<domain::EvidencePart> parts;
};

class EvidenceReader {
 public:
  virtual ~EvidenceReader() = default;
  // kInvalidArgument when the bytes are not an evidence document; kFailedPrecondition when its
  // seal or time-stamp does not verify against the provider's trust anchors.
  [[nodiscard]] virtual common::Result<EvidenceFacts> Read(std::string_view sealed_xml) = 0;
};

}  // namespace sealpost::app
