#include "adapters/evidence/evidence_xml.hpp"

#include <libxml/tree.h>
#include <libxml/xmlstring.h>

#include <string_view>
#include <utility>

#include "adapters/evidence/xml_support.hpp"
#include "common/clock.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

// eIDAS SAML attribute names (eIDAS SAML Attribute Profile 1.2).
constexpr const char* kPersonIdentifier =
    "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier";
constexpr const char* kFamilyName =
    "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName";
constexpr const char* kFirstName =
    "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName";
constexpr const char* kLegalName = "http://eidas.europa.eu/attributes/legalperson/LegalName";
constexpr const char* kLegalPersonIdentifier =
    "http://eidas.europa.eu/attributes/legalperson/LegalPersonIdentifier";
constexpr const char* kUriNameFormat = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
// Belgian identifiers in the eIDAS unique-identifier form <issuing country>/<receiving
// country>/<id>.
constexpr std::string_view kBelgianPrefix = "BE/BE/";

// XML 1.0 text must be UTF-8 without control characters other than tab, CR and LF; anything else
// would either be rejected by a verifier or silently altered, so it is refused here.
bool IsXmlText(const std::string& text) {
  if (xmlCheckUTF8(reinterpret_cast<const xmlChar*>(text.c_str())) == 0) return false;
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return text.find('\0') == std::string::npos;
}

class Writer {
 public:
  explicit Writer(xmlDoc* doc) : doc_(doc) {}

  common::Result<xmlNode*> Element(xmlNode* parent, xmlNs* ns, const char* name,
                                   const std::string* text = nullptr) {
    if (text != nullptr && !IsXmlText(*text)) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          std::string("text of ") + name + " is not valid XML character data");
    }
    xmlNode* node = xmlNewTextChild(parent, ns, BAD_CAST name,
                                    text != nullptr ? BAD_CAST text->c_str() : nullptr);
    if (node == nullptr)
      return common::Fail(ErrorCode::kInternal, std::string("cannot create ") + name);
    return node;
  }
  common::Result<xmlNode*> Text(xmlNode* parent, xmlNs* ns, const char* name,
                                const std::string& text) {
    return Element(parent, ns, name, &text);
  }
  common::Result<void> SetAttribute(xmlNode* node, const char* name, const std::string& value) {
    if (!IsXmlText(value)) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          std::string("attribute ") + name + " is not valid XML character data");
    }
    if (xmlSetProp(node, BAD_CAST name, BAD_CAST value.c_str()) == nullptr) {
      return common::Fail(ErrorCode::kInternal, std::string("cannot set attribute ") + name);
    }
    return common::Ok();
  }
  xmlDoc* doc() const { return doc_; }

 private:
  xmlDoc* doc_;
};

struct Namespaces {
  xmlNs* ev;
  xmlNs* ds;
  xmlNs* saml;
};

common::Result<void> AddSamlAttribute(Writer& w, const Namespaces& ns, xmlNode* identity,
                                      const char* name, const char* friendly_name,
                                      const std::string& value) {
  SP_TRY(attribute, w.Element(identity, ns.saml, "Attribute"));
  SP_CHECK(w.SetAttribute(attribute, "Name", name));
  SP_CHECK(w.SetAttribute(attribute, "FriendlyName", friendly_name));
  SP_CHECK(w.SetAttribute(attribute, "NameFormat", kUriNameFormat));
  SP_CHECK(w.Text(attribute, ns.saml, "AttributeValue", value));
  return common::Ok();
}

// UserDetails: Name, Identity (eIDAS attributes), Identifiers (each with its scheme) and assurance.
// Only a party identified by the provider (an assurance level is known) gets an Identity: its
// attributes are verified facts. A party described by someone else — a recipient as the sender
// named them — keeps its name in Name and its identifiers as Identifier elements: declared, not
// verified.
common::Result<void> AddUserDetails(Writer& w, const Namespaces& ns, xmlNode* parent,
                                    const char* element, const domain::PartyIdentity& party) {
  SP_TRY(details, w.Element(parent, ns.ev, element));
  // The name the provider knows the party by: what a reader of the evidence looks for first.
  if (!party.name.empty()) SP_CHECK(w.Text(details, ns.ev, "Name", party.name));
  const bool identified = !party.assurance_level.empty();
  const bool legal_person = !party.enterprise_number.empty();
  if (identified && (legal_person || !party.national_number.empty() || !party.family_name.empty() ||
                     !party.given_names.empty())) {
    SP_TRY(identity, w.Element(details, ns.ev, "Identity"));
    if (legal_person) {
      SP_CHECK(AddSamlAttribute(w, ns, identity, kLegalName, "LegalName", party.name));
      SP_CHECK(AddSamlAttribute(w, ns, identity, kLegalPersonIdentifier, "LegalPersonIdentifier",
                                std::string(kBelgianPrefix) + party.enterprise_number));
    } else {
      if (!party.national_number.empty()) {
        SP_CHECK(AddSamlAttribute(w, ns, identity, kPersonIdentifier, "PersonIdentifier",
                                  std::string(kBelgianPrefix) + party.national_number));
      }
      if (!party.family_name.empty()) {
        SP_CHECK(AddSamlAttribute(w, ns, identity, kFamilyName, "FamilyName", party.family_name));
      }
      if (!party.given_names.empty()) {
        SP_CHECK(AddSamlAttribute(w, ns, identity, kFirstName, "FirstName", party.given_names));
      }
    }
  } else {
    // Declared identifiers: the identity whoever accepts must match.
    if (legal_person) {
      SP_TRY(id, w.Text(details, ns.ev, "Identifier",
                        std::string(kBelgianPrefix) + party.enterprise_number));
      SP_CHECK(w.SetAttribute(id, "scheme", kLegalPersonIdentifier));
    }
    if (!party.national_number.empty()) {
      SP_TRY(id, w.Text(details, ns.ev, "Identifier",
                        std::string(kBelgianPrefix) + party.national_number));
      SP_CHECK(w.SetAttribute(id, "scheme", kPersonIdentifier));
    }
  }
  if (!party.email.empty()) {
    SP_TRY(identifier, w.Text(details, ns.ev, "Identifier", "mailto:" + party.email));
    SP_CHECK(w.SetAttribute(identifier, "scheme", "mailto"));
  }
  if (!party.assurance_level.empty()) {
    SP_TRY(assurance, w.Element(details, ns.ev, "Assurance"));
    SP_CHECK(w.Text(assurance, ns.ev, "LevelOfAssurance", party.assurance_level));
    if (!party.authentication_method.empty()) {
      SP_CHECK(w.Text(assurance, ns.ev, "AuthenticationMethod", party.authentication_method));
    }
    if (party.authentication_time) {
      SP_CHECK(w.Text(assurance, ns.ev, "AuthenticationTime",
                      common::FormatRfc3339(*party.authentication_time)));
    }
  }
  return common::Ok();
}

common::Result<void> Validate(const domain::Evidence& evidence) {
  if (evidence.id.empty()) return common::Fail(ErrorCode::kInvalidArgument, "evidence id is empty");
  if (domain::IsNegative(evidence.event) && evidence.reason_code.empty()) {
    return common::Fail(ErrorCode::kInvalidArgument, "a negative event needs a reason code");
  }
  if (evidence.recipients.empty()) return common::Fail(ErrorCode::kInvalidArgument, "no recipient");
  if (evidence.refers_to_recipient < 0 ||
      static_cast<std::size_t>(evidence.refers_to_recipient) >= evidence.recipients.size()) {
    return common::Fail(ErrorCode::kInvalidArgument, "refers_to_recipient out of range");
  }
  if (evidence.message_id.empty())
    return common::Fail(ErrorCode::kInvalidArgument, "message id is empty");
  for (const auto& part : evidence.parts) {
    auto digest = common::HexDecode(part.sha256);
    if (!digest || digest->size() != 32) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          "part " + part.id + " has no SHA-256 digest");
    }
  }
  return common::Ok();
}

}  // namespace

EvidenceXmlBuilder::EvidenceXmlBuilder(ProviderConfig provider, common::Bytes seal_certificate_der)
    : provider_(std::move(provider)), seal_certificate_der_(std::move(seal_certificate_der)) {}

common::Result<XmlDocPtr> EvidenceXmlBuilder::BuildDocument(
    const domain::Evidence& evidence) const {
  SP_CHECK(EnsureXmlSecurity());
  SP_CHECK(Validate(evidence));
  XmlDocPtr doc(xmlNewDoc(BAD_CAST "1.0"));
  if (!doc) return common::Fail(ErrorCode::kInternal, "xmlNewDoc failed");
  xmlNode* root = xmlNewDocNode(doc.get(), nullptr, BAD_CAST "Evidence", nullptr);
  if (root == nullptr) return common::Fail(ErrorCode::kInternal, "xmlNewDocNode failed");
  xmlDocSetRootElement(doc.get(), root);
  const std::string evidence_ns(domain::kEvidenceNamespace);
  Namespaces ns{xmlNewNs(root, BAD_CAST evidence_ns.c_str(), BAD_CAST kEvidencePrefix),
                xmlNewNs(root, BAD_CAST kDsigNamespace, BAD_CAST kDsigPrefix),
                xmlNewNs(root, BAD_CAST kSamlNamespace, BAD_CAST kSamlPrefix)};
  if (ns.ev == nullptr || ns.ds == nullptr || ns.saml == nullptr) {
    return common::Fail(ErrorCode::kInternal, "xmlNewNs failed");
  }
  xmlSetNs(root, ns.ev);
  Writer w(doc.get());
  SP_CHECK(w.SetAttribute(root, "version", std::string(domain::kEvidenceVersion)));

  SP_CHECK(w.Text(root, ns.ev, "EvidenceIdentifier", "urn:uuid:" + evidence.id));
  SP_CHECK(w.Text(root, ns.ev, "ERDSEventId", domain::EventUri(evidence.event)));
  if (!evidence.reason_code.empty()) {
    SP_TRY(reasons, w.Element(root, ns.ev, "EventReasons"));
    SP_TRY(reason, w.Element(reasons, ns.ev, "EventReason"));
    SP_CHECK(w.Text(reason, ns.ev, "Code", domain::ReasonUri(evidence.reason_code)));
    if (!evidence.reason_details.empty())
      SP_CHECK(w.Text(reason, ns.ev, "Details", evidence.reason_details));
  }
  SP_CHECK(w.Text(root, ns.ev, "EventTime", common::FormatRfc3339(evidence.event_time)));
  SP_TRY(policy, w.Element(root, ns.ev, "EvidenceIssuerPolicyID"));
  SP_CHECK(w.Text(policy, ns.ev, "PolicyID", provider_.policy_id));
  SP_TRY(issuer, w.Element(root, ns.ev, "EvidenceIssuerDetails"));
  SP_CHECK(w.Text(issuer, ns.ev, "Name", provider_.name));
  SP_CHECK(w.Text(issuer, ns.ev, "Country", provider_.country));
  SP_CHECK(w.Text(issuer, ns.ev, "SealCertificate", common::Base64Encode(seal_certificate_der_)));
  SP_CHECK(AddUserDetails(w, ns, root, "SenderDetails", evidence.sender));
  for (const auto& recipient : evidence.recipients) {
    SP_CHECK(AddUserDetails(w, ns, root, "RecipientDetails", recipient));
  }
  SP_CHECK(w.Text(root, ns.ev, "SubmissionTime", common::FormatRfc3339(evidence.submission_time)));
  SP_CHECK(w.Text(root, ns.ev, "EvidenceRefersToRecipient",
                  std::to_string(evidence.refers_to_recipient + 1)));
  SP_CHECK(w.Text(root, ns.ev, "MessageIdentifier", evidence.message_id));
  SP_TRY(content, w.Element(root, ns.ev, "UserContentInfo"));
  if (!evidence.subject.empty())
    SP_CHECK(w.Text(content, ns.ev, "MessageSubject", evidence.subject));
  SP_TRY(parts, w.Element(content, ns.ev, "PartsInfo"));
  for (const auto& part : evidence.parts) {
    SP_TRY(info, w.Element(parts, ns.ev, "PartInfo"));
    SP_CHECK(w.Text(info, ns.ev, "Identifier", part.id));
    SP_CHECK(w.Text(info, ns.ev, "ContentType", part.content_type));
    if (!part.file_name.empty()) SP_CHECK(w.Text(info, ns.ev, "FileName", part.file_name));
    SP_CHECK(w.Text(info, ns.ev, "Size", std::to_string(part.size)));
    SP_TRY(method, w.Element(info, ns.ds, "DigestMethod"));
    SP_CHECK(w.SetAttribute(method, "Algorithm", kSha256Uri));
    SP_CHECK(
        w.Text(info, ns.ds, "DigestValue", common::Base64Encode(*common::HexDecode(part.sha256))));
  }
  SP_TRY(log, w.Element(root, ns.ev, "TransactionLogInformation"));
  SP_CHECK(w.Text(log, ns.ev, "LogOrigin", provider_.log_origin));
  SP_CHECK(w.Text(log, ns.ev, "LeafRecord", kLeafRecordDescription));
  if (!evidence.delivery_id.empty()) {
    SP_TRY(extensions, w.Element(root, ns.ev, "Extensions"));
    SP_CHECK(w.Text(extensions, ns.ev, "DeliveryIdentifier", evidence.delivery_id));
  }
  return doc;
}

common::Result<std::string> EvidenceXmlBuilder::BuildUnsigned(
    const domain::Evidence& evidence) const {
  auto doc = BuildDocument(evidence);
  if (!doc) return common::Fail(doc.error());
  return SerializeXml(doc->get());
}

}  // namespace sealpost::adapters::evidence
