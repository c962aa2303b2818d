// Evidence: what a sealed EN 319 522 evidence states (the model), and the stored sealed record.
// The XML form and the seal are made by the EvidenceSealer port; the domain only says what is true.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::domain {

// A party as identified (EN 319 522 UserDetails). Persons carry a national number, companies an
// enterprise number; either may be empty for a recipient who has not identified yet.
struct PartyIdentity {
  std::string name;  // legal name, or "Given Family"
  std::string given_names;
  std::string family_name;
  std::string email;
  std::string national_number;
  std::string enterprise_number;
  std::string assurance_level;  // e.g. http://eidas.europa.eu/LoA/high; empty = not identified
  std::string authentication_method;  // e.g. "api-key", "itsme", "eid"
  std::optional<common::TimePoint> authentication_time;
};

struct EvidencePart {
  std::string id;
  std::string file_name;
  std::string content_type;
  std::uint64_t size = 0;
  std::string sha256;  // hex
};

struct Evidence {
  std::string id;  // UUID (EvidenceIdentifier = urn:uuid:<id>)
  EvidenceEvent event = EvidenceEvent::kSubmissionAcceptance;
  std::string reason_code;     // e.g. "RA03" — required on negative events
  std::string reason_details;  // free text
  common::TimePoint event_time;
  PartyIdentity sender;
  std::vector<PartyIdentity> recipients;
  int refers_to_recipient = 0;  // index into recipients
  common::TimePoint submission_time;
  std::string message_id;  // the item id
  std::string subject;
  std::vector<EvidencePart> parts;
  std::string delivery_id;  // empty for a submission rejected before any delivery existed
};

// A sealed evidence as stored: the exact bytes produced by the sealer, never re-serialised.
struct EvidenceRecord {
  std::string id;
  std::string item_id;
  std::string delivery_id;  // may be empty
  EvidenceEvent event = EvidenceEvent::kSubmissionAcceptance;
  std::string reason_code;
  common::TimePoint event_time;
  std::string sealed_xml;
  std::string sha256;  // hex SHA-256 of sealed_xml
  std::int64_t leaf_index = -1;
};

}  // namespace sealpost::domain
