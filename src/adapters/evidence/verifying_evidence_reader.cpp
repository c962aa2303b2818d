#include "adapters/evidence/verifying_evidence_reader.hpp"

#include <libxml/tree.h>

#include <charconv>

#include "adapters/evidence/evidence_verifier.hpp"
#include "adapters/evidence/xml_support.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

const std::string kEvNs(domain::kEvidenceNamespace);
constexpr std::string_view kPersonIdentifierUri =
    "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier";
constexpr std::string_view kLegalPersonIdentifierUri =
    "http://eidas.europa.eu/attributes/legalperson/LegalPersonIdentifier";
constexpr std::string_view kMailto = "mailto:";

std::string ChildText(xmlNode* parent, const char* name) {
  return NodeText(FirstChildElement(parent, kEvNs.c_str(), name));
}

// What the summary leaves out of a UserDetails element. An identifier is read from the eIDAS
// Identity when the provider identified the party, else from the declared Identifier elements:
// either way it is what the evidence states.
app::StatedParty ReadPartyDetails(xmlNode* details, std::string name) {
  app::StatedParty party;
  party.name = std::move(name);
  xmlNode* identity = FirstChildElement(details, kEvNs.c_str(), "Identity");
  for (xmlNode* attribute : ChildElements(identity, kSamlNamespace, "Attribute")) {
    const std::string uri = Attribute(attribute, "Name");
    const std::string value =
        NodeText(FirstChildElement(attribute, kSamlNamespace, "AttributeValue"));
    if (uri == kPersonIdentifierUri) party.person_identifier = value;
    if (uri == kLegalPersonIdentifierUri) party.legal_person_identifier = value;
  }
  for (xmlNode* id : ChildElements(details, kEvNs.c_str(), "Identifier")) {
    const std::string scheme = Attribute(id, "scheme");
    const std::string value = NodeText(id);
    if (scheme == "mailto" && value.starts_with(kMailto) && party.email.empty()) {
      party.email = value.substr(kMailto.size());
    } else if (scheme == kPersonIdentifierUri && party.person_identifier.empty()) {
      party.person_identifier = value;
    } else if (scheme == kLegalPersonIdentifierUri && party.legal_person_identifier.empty()) {
      party.legal_person_identifier = value;
    }
  }
  xmlNode* assurance = FirstChildElement(details, kEvNs.c_str(), "Assurance");
  party.level_of_assurance = ChildText(assurance, "LevelOfAssurance");
  party.authentication_method = ChildText(assurance, "AuthenticationMethod");
  party.authentication_time = common::ParseRfc3339(ChildText(assurance, "AuthenticationTime"));
  // The builder writes an assurance level exactly for the parties the provider identified.
  party.identified = !party.level_of_assurance.empty();
  return party;
}

// The RecipientDetails the evidence refers to (1-based; the summary already checked the range).
xmlNode* ReferredRecipient(xmlNode* root) {
  auto recipients = ChildElements(root, kEvNs.c_str(), "RecipientDetails");
  const std::string refers = ChildText(root, "EvidenceRefersToRecipient");
  std::size_t index = 0;
  std::from_chars(refers.data(), refers.data() + refers.size(), index);
  return index >= 1 && index <= recipients.size() ? recipients[index - 1] : nullptr;
}

common::Result<common::TimePoint> Time(const std::string& text, const char* what) {
  auto parsed = common::ParseRfc3339(text);
  if (!parsed)
    return common::Fail(ErrorCode::kInvalidArgument, std::string(what) + " is unreadable");
  return *parsed;
}

std::string FailedChecks(const VerificationReport& report) {
  std::string out;
  for (const auto& check : report.checks) {
    if (check.passed) continue;
    out += (out.empty() ? "" : "; ") + check.name + ": " + check.detail;
  }
  return out;
}

}  // namespace

common::Result<app::EvidenceFacts> VerifyingEvidenceReader::Read(std::string_view sealed_xml) {
  const std::string xml(sealed_xml);
  const VerificationReport report = EvidenceVerifier::Verify(xml, trust_anchor_pems_);
  const VerificationCheck* well_formed = report.Find(checks::kWellFormed);
  if (well_formed == nullptr || !well_formed->passed) {
    return common::Fail(ErrorCode::kInvalidArgument, "not an evidence document");
  }
  if (!report.ok || !report.summary.time_stamp_gen_time) {
    return common::Fail(
        ErrorCode::kFailedPrecondition,
        "evidence " + report.summary.evidence_id + " does not verify: " + FailedChecks(report));
  }
  const EvidenceSummary& s = report.summary;
  auto doc = ParseXml(xml);
  if (!doc) return common::Fail(doc.error());
  xmlNode* root = xmlDocGetRootElement(doc->get());

  app::EvidenceFacts facts;
  facts.evidence_id = s.evidence_id;
  auto event = domain::EventFromName(s.event_name);
  if (!event) return common::Fail(ErrorCode::kInvalidArgument, "unknown event " + s.event_name);
  facts.event = *event;
  facts.reason_code = s.reason_code;
  facts.reason_details = s.reason_details;
  auto event_time = Time(s.event_time, "EventTime");
  if (!event_time) return common::Fail(event_time.error());
  facts.event_time = *event_time;
  facts.time_stamped_at = *s.time_stamp_gen_time;
  auto submission_time = Time(s.submission_time, "SubmissionTime");
  if (!submission_time) return common::Fail(submission_time.error());
  facts.submission_time = *submission_time;
  facts.issuer_name = s.issuer_name;
  facts.sender =
      ReadPartyDetails(FirstChildElement(root, kEvNs.c_str(), "SenderDetails"), s.sender_name);
  facts.recipient = ReadPartyDetails(ReferredRecipient(root), s.recipient_name);
  facts.message_id = s.message_id;
  facts.delivery_id =
      ChildText(FirstChildElement(root, kEvNs.c_str(), "Extensions"), "DeliveryIdentifier");
  facts.subject = s.subject;
  for (const auto& p : s.parts) {
    facts.parts.push_back({p.id, p.file_name, p.content_type, p.size, p.sha256_hex});
  }
  return facts;
}

}  // namespace sealpost::adapters::evidence
