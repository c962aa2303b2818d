// EvidenceSummary: who / what / when of a sealed evidence, read back from its XML so that the
// verifier (and `sealpost verify`) can say plainly what a document states. Parsing only: it proves
// nothing by itself — EvidenceVerifier decides whether the statement is sealed and time-stamped.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

struct _xmlDoc;

namespace sealpost::adapters::evidence {

struct PartSummary {
  std::string id;
  std::string file_name;
  std::string content_type;
  std::uint64_t size = 0;
  std::string sha256_hex;
};

struct EvidenceSummary {
  std::string evidence_id;  // the UUID, without "urn:uuid:"
  std::string event_uri;
  std::string event_name;   // last segment of the event URI, e.g. "SubmissionAcceptance"
  std::string reason_code;  // e.g. "RA03"; empty on positive events
  std::string reason_details;
  std::string event_time;  // as written (xs:dateTime, UTC)
  std::string submission_time;
  std::string issuer_name;
  std::string sender_name;        // LegalName, or FirstName FamilyName, or the declared name
  std::string sender_identifier;  // e.g. "mailto:an@example.be"
  std::string recipient_name;     // of the recipient the evidence refers to
  std::string recipient_identifier;
  std::string message_id;
  std::string subject;
  std::vector<PartSummary> parts;
  std::string signing_time;  // XAdES SigningTime (claimed by the signer, not time-stamped)
  std::optional<common::TimePoint>
      time_stamp_gen_time;  // set by the verifier once the token verifies
};

// kInvalidArgument when the bytes are not an evidence document or a mandatory field is missing.
common::Result<EvidenceSummary> ParseEvidenceSummary(const std::string& xml_bytes);
// Same over an already parsed document (the verifier parses once).
common::Result<EvidenceSummary> ParseEvidenceSummary(_xmlDoc* doc);

}  // namespace sealpost::adapters::evidence
