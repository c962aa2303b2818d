#include "adapters/evidence/evidence_summary.hpp"

#include <libxml/tree.h>

#include <charconv>
#include <cstring>
#include <string_view>

#include "adapters/evidence/xml_support.hpp"
#include "common/bytes.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

const std::string kEvNs(domain::kEvidenceNamespace);

std::string ChildText(xmlNode* parent, const char* name) {
  return NodeText(FirstChildElement(parent, kEvNs.c_str(), name));
}

std::string LastSegment(const std::string& uri) {
  auto slash = uri.rfind('/');
  return slash == std::string::npos ? uri : uri.substr(slash + 1);
}

struct Party {
  std::string name;
  std::string identifier;
};

Party ReadParty(xmlNode* details) {
  Party party;
  std::string legal_name, first_name, family_name;
  xmlNode* identity = FirstChildElement(details, kEvNs.c_str(), "Identity");
  for (xmlNode* attribute : ChildElements(identity, kSamlNamespace, "Attribute")) {
    std::string friendly = Attribute(attribute, "FriendlyName");
    std::string value = NodeText(FirstChildElement(attribute, kSamlNamespace, "AttributeValue"));
    if (friendly == "LegalName") legal_name = value;
    if (friendly == "FirstName") first_name = value;
    if (friendly == "FamilyName") family_name = value;
  }
  if (!legal_name.empty()) {
    party.name = legal_name;
  } else if (!first_name.empty() || !family_name.empty()) {
    party.name = first_name + (first_name.empty() || family_name.empty() ? "" : " ") + family_name;
  } else {
    party.name = ChildText(details, "Name");
  }
  // The e-mail identifier names the party for people; other identifiers follow in Identity.
  for (xmlNode* id : ChildElements(details, kEvNs.c_str(), "Identifier")) {
    if (Attribute(id, "scheme") == "mailto" || party.identifier.empty())
      party.identifier = NodeText(id);
    if (Attribute(id, "scheme") == "mailto") break;
  }
  return party;
}

}  // namespace

common::Result<EvidenceSummary> ParseEvidenceSummary(_xmlDoc* doc) {
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!IsElement(root, kEvNs.c_str(), "Evidence")) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the root element is not an EN 319 522 Evidence");
  }
  EvidenceSummary summary;
  std::string identifier = ChildText(root, "EvidenceIdentifier");
  constexpr std::string_view kUrnUuid = "urn:uuid:";
  if (!identifier.starts_with(kUrnUuid))
    return common::Fail(ErrorCode::kInvalidArgument, "EvidenceIdentifier is not a urn:uuid");
  summary.evidence_id = identifier.substr(kUrnUuid.size());
  summary.event_uri = ChildText(root, "ERDSEventId");
  if (!summary.event_uri.starts_with(domain::kEventUriPrefix)) {
    return common::Fail(ErrorCode::kInvalidArgument, "ERDSEventId is not an EN 319 522 event");
  }
  summary.event_name = LastSegment(summary.event_uri);
  auto event = domain::EventFromName(summary.event_name);
  if (!event)
    return common::Fail(ErrorCode::kInvalidArgument, "unknown event " + summary.event_name);
  if (xmlNode* reasons = FirstChildElement(root, kEvNs.c_str(), "EventReasons")) {
    xmlNode* reason = FirstChildElement(reasons, kEvNs.c_str(), "EventReason");
    summary.reason_code = LastSegment(ChildText(reason, "Code"));
    summary.reason_details = ChildText(reason, "Details");
  }
  if (domain::IsNegative(*event) && summary.reason_code.empty()) {
    return common::Fail(ErrorCode::kInvalidArgument, "a negative event without EventReasons");
  }
  summary.event_time = ChildText(root, "EventTime");
  summary.submission_time = ChildText(root, "SubmissionTime");
  summary.issuer_name =
      ChildText(FirstChildElement(root, kEvNs.c_str(), "EvidenceIssuerDetails"), "Name");
  Party sender = ReadParty(FirstChildElement(root, kEvNs.c_str(), "SenderDetails"));
  summary.sender_name = sender.name;
  summary.sender_identifier = sender.identifier;
  auto recipients = ChildElements(root, kEvNs.c_str(), "RecipientDetails");
  std::string refers = ChildText(root, "EvidenceRefersToRecipient");  // 1-based
  std::size_t index = 0;
  auto [ptr, ec] = std::from_chars(refers.data(), refers.data() + refers.size(), index);
  if (ec != std::errc() || ptr != refers.data() + refers.size() || index < 1 ||
      index > recipients.size()) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "EvidenceRefersToRecipient does not designate a recipient");
  }
  Party recipient = ReadParty(recipients[index - 1]);
  summary.recipient_name = recipient.name;
  summary.recipient_identifier = recipient.identifier;
  summary.message_id = ChildText(root, "MessageIdentifier");
  if (summary.message_id.empty())
    return common::Fail(ErrorCode::kInvalidArgument, "no MessageIdentifier");
  xmlNode* content = FirstChildElement(root, kEvNs.c_str(), "UserContentInfo");
  summary.subject = ChildText(content, "MessageSubject");
  for (xmlNode* info : ChildElements(FirstChildElement(content, kEvNs.c_str(), "PartsInfo"),
                                     kEvNs.c_str(), "PartInfo")) {
    PartSummary part;
    part.id = ChildText(info, "Identifier");
    part.content_type = ChildText(info, "ContentType");
    part.file_name = ChildText(info, "FileName");
    std::string size = ChildText(info, "Size");
    std::from_chars(size.data(), size.data() + size.size(), part.size);
    auto digest =
        common::Base64Decode(NodeText(FirstChildElement(info, kDsigNamespace, "DigestValue")));
    if (digest) part.sha256_hex = common::HexEncode(*digest);
    summary.parts.push_back(std::move(part));
  }
  for (xmlNode* signing_time : Descendants(root, kXadesNamespace, "SigningTime")) {
    summary.signing_time = NodeText(signing_time);
    break;
  }
  return summary;
}

common::Result<EvidenceSummary> ParseEvidenceSummary(const std::string& xml_bytes) {
  auto doc = ParseXml(xml_bytes);
  if (!doc) return common::Fail(doc.error());
  return ParseEvidenceSummary(doc->get());
}

}  // namespace sealpost::adapters::evidence
