// EvidenceXmlBuilder: renders a domain::Evidence as the unsigned ETSI EN 319 522-3 XML document
// (root ev:Evidence, fields in the order of REFERENCE.md §1), ready to be sealed by
// XadesEvidenceSealer. Prefixes are fixed (ev, ds, saml2; xades is added by the sealer) so that two
// evidences of the same shape always look the same.
// EvidenceRefersToRecipient is 1-based (the XPath position of the RecipientDetails it designates),
// while domain::Evidence::refers_to_recipient is 0-based.
// TransactionLogInformation carries the Merkle log ORIGIN and a description of the leaf record, not
// the leaf index: the index is only known when the log commits the leaf, after sealing, and is
// carried by the proof bundle.
// Thread-safety: immutable after construction; Build* may be called concurrently.
#pragma once

#include <memory>
#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"
#include "domain/evidence.hpp"

struct _xmlDoc;  // libxml2's xmlDoc, kept opaque so that libxml2 headers stay out of this header

namespace sealpost::adapters::evidence {

struct XmlDocDeleter {
  void operator()(_xmlDoc* doc) const;
};
using XmlDocPtr = std::unique_ptr<_xmlDoc, XmlDocDeleter>;

// Who issues the evidence (EvidenceIssuerDetails, EvidenceIssuerPolicyID,
// TransactionLogInformation).
struct ProviderConfig {
  std::string name;        // legal name of the provider
  std::string country;     // ISO 3166-1 alpha-2, e.g. "BE"
  std::string policy_id;   // URI or urn:oid: of the evidence issuer policy
  std::string log_origin;  // origin line of the Merkle log checkpoints
};

// What a log leaf records about an evidence (written into TransactionLogInformation/LeafRecord).
inline constexpr const char* kLeafRecordDescription =
    "sealpost evidence leaf v1: version, evidence id, SHA-256 of the sealed evidence bytes, event "
    "code, event time";

class EvidenceXmlBuilder final {
 public:
  // `seal_certificate_der`: the provider's seal certificate, shown in EvidenceIssuerDetails.
  EvidenceXmlBuilder(ProviderConfig provider, common::Bytes seal_certificate_der);

  // The unsigned document (kInvalidArgument on an incomplete or inconsistent evidence).
  common::Result<XmlDocPtr> BuildDocument(const domain::Evidence& evidence) const;
  // Same, serialised (UTF-8 with XML declaration): for inspection and tests.
  common::Result<std::string> BuildUnsigned(const domain::Evidence& evidence) const;

  const ProviderConfig& provider() const { return provider_; }

 private:
  ProviderConfig provider_;
  common::Bytes seal_certificate_der_;
};

}  // namespace sealpost::adapters::evidence
