#include "adapters/evidence/evidence_verifier.hpp"

#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/openssl/x509.h>
#include <xmlsec/xmldsig.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "adapters/crypto/asn1_time.hpp"
#include "adapters/crypto/pem.hpp"
#include "adapters/crypto/time_stamp_verifier.hpp"
#include "adapters/evidence/signing_certificate.hpp"
#include "adapters/evidence/xml_support.hpp"
#include "common/sha256.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

struct CheckResult {
  bool passed = false;
  std::string detail;
};
CheckResult Pass(std::string detail) { return {true, std::move(detail)}; }
CheckResult FailCheck(std::string detail) { return {false, std::move(detail)}; }

std::string StripWhitespace(std::string text) {
  std::erase_if(text, [](unsigned char c) { return std::isspace(c) != 0; });
  return text;
}

// Every attribute named Id / ID / id whose value is `id`, anywhere in the document.
int CountIdAttributes(xmlNode* root, const std::string& id) {
  int count = 0;
  xmlNode* n = root;
  while (n != nullptr) {
    if (n->type == XML_ELEMENT_NODE) {
      for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
        std::string name(reinterpret_cast<const char*>(a->name));
        if ((name == "Id" || name == "ID" || name == "id") && a->ns == nullptr &&
            Attribute(n, name.c_str()) == id) {
          ++count;
        }
      }
    }
    if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n != root && n->next == nullptr) n = n->parent;
    if (n == nullptr || n == root) break;
    n = n->next;
  }
  return count;
}

// What the structure check establishes, used by the later checks.
struct Structure {
  xmlNode* signature = nullptr;
  xmlNode* signature_value = nullptr;
  xmlNode* qualifying = nullptr;
  xmlNode* signed_properties = nullptr;
};

CheckResult CheckStructure(xmlDoc* doc, Structure& out) {
  xmlNode* root = xmlDocGetRootElement(doc);
  auto signatures = Descendants(root, kDsigNamespace, "Signature");
  if (signatures.size() != 1)
    return FailCheck("expected exactly one ds:Signature, found " +
                     std::to_string(signatures.size()));
  xmlNode* signature = signatures[0];
  if (signature->parent != root)
    return FailCheck("ds:Signature is not a child of the Evidence root");
  const std::string signature_id = Attribute(signature, "Id");
  if (signature_id.empty()) return FailCheck("ds:Signature has no Id");
  xmlNode* signed_info = FirstChildElement(signature, kDsigNamespace, "SignedInfo");
  auto references = ChildElements(signed_info, kDsigNamespace, "Reference");
  xmlNode* document_ref = nullptr;
  xmlNode* properties_ref = nullptr;
  for (xmlNode* reference : references) {
    if (HasAttribute(reference, "URI") && Attribute(reference, "URI").empty()) {
      if (document_ref != nullptr) return FailCheck("more than one Reference URI=\"\"");
      document_ref = reference;
    } else if (Attribute(reference, "Type") == kSignedPropertiesType) {
      if (properties_ref != nullptr) return FailCheck("more than one SignedProperties reference");
      properties_ref = reference;
    } else {
      return FailCheck("unexpected reference URI=\"" + Attribute(reference, "URI") + "\"");
    }
  }
  if (document_ref == nullptr)
    return FailCheck("no Reference URI=\"\" (the evidence itself is not signed)");
  auto transforms = ChildElements(FirstChildElement(document_ref, kDsigNamespace, "Transforms"),
                                  kDsigNamespace, "Transform");
  if (transforms.empty() || Attribute(transforms[0], "Algorithm") != kEnvelopedUri) {
    return FailCheck(
        "the Reference URI=\"\" does not start with the enveloped-signature transform");
  }
  for (std::size_t i = 1; i < transforms.size(); ++i) {
    if (Attribute(transforms[i], "Algorithm") != kExcC14nUri)
      return FailCheck("unexpected transform on Reference URI=\"\"");
  }
  if (properties_ref == nullptr) return FailCheck("no reference to xades:SignedProperties");

  auto all_qualifying = Descendants(root, kXadesNamespace, "QualifyingProperties");
  if (all_qualifying.size() != 1)
    return FailCheck("expected one xades:QualifyingProperties, found " +
                     std::to_string(all_qualifying.size()));
  xmlNode* qualifying = all_qualifying[0];
  if (!IsElement(qualifying->parent, kDsigNamespace, "Object") ||
      qualifying->parent->parent != signature) {
    return FailCheck("xades:QualifyingProperties is not in a ds:Object of this signature");
  }
  if (Attribute(qualifying, "Target") != "#" + signature_id) {
    return FailCheck("QualifyingProperties Target \"" + Attribute(qualifying, "Target") +
                     "\" is not #" + signature_id);
  }
  auto all_signed = Descendants(root, kXadesNamespace, "SignedProperties");
  if (all_signed.size() != 1)
    return FailCheck("expected one xades:SignedProperties, found " +
                     std::to_string(all_signed.size()));
  xmlNode* signed_properties = all_signed[0];
  if (signed_properties->parent != qualifying)
    return FailCheck("SignedProperties is not inside the QualifyingProperties");
  const std::string id = Attribute(signed_properties, "Id");
  if (id.empty() || Attribute(properties_ref, "URI") != "#" + id) {
    return FailCheck("the SignedProperties reference \"" + Attribute(properties_ref, "URI") +
                     "\" does not designate the SignedProperties in use (Id \"" + id + "\")");
  }
  if (CountIdAttributes(root, id) != 1)
    return FailCheck("the Id \"" + id + "\" is not unique in the document");
  // Register only the element in use: xmlsec then resolves "#id" to exactly this element.
  xmlAttr* id_attr = xmlHasNsProp(signed_properties, BAD_CAST "Id", nullptr);
  if (xmlAddID(nullptr, doc, BAD_CAST id.c_str(), id_attr) == nullptr)
    return FailCheck("cannot register the SignedProperties Id");

  out.signature = signature;
  out.signature_value = FirstChildElement(signature, kDsigNamespace, "SignatureValue");
  out.qualifying = qualifying;
  out.signed_properties = signed_properties;
  if (out.signature_value == nullptr) return FailCheck("no ds:SignatureValue");
  return Pass("one enveloped signature " + signature_id + "; SignedProperties #" + id +
              " targets it");
}

std::string JoinPems(const std::vector<std::string>& pems) {
  std::string out;
  for (const auto& pem : pems) (out += pem) += "\n";
  return out;
}

CheckResult CheckTimeStamp(xmlDoc* doc, const Structure& s, const std::string& anchors_pem,
                           std::optional<common::TimePoint>& gen_time) {
  auto unsigned_properties = ChildElements(s.qualifying, kXadesNamespace, "UnsignedProperties");
  if (unsigned_properties.size() != 1) return FailCheck("expected one xades:UnsignedProperties");
  auto stamps = ChildElements(
      FirstChildElement(unsigned_properties[0], kXadesNamespace, "UnsignedSignatureProperties"),
      kXadesNamespace, "SignatureTimeStamp");
  if (stamps.size() != 1)
    return FailCheck("expected one xades:SignatureTimeStamp, found " +
                     std::to_string(stamps.size()));
  xmlNode* method = FirstChildElement(stamps[0], kDsigNamespace, "CanonicalizationMethod");
  if (method == nullptr || Attribute(method, "Algorithm") != kExcC14nUri) {
    return FailCheck("the SignatureTimeStamp canonicalisation is not exc-c14n");
  }
  auto tokens = ChildElements(stamps[0], kXadesNamespace, "EncapsulatedTimeStamp");
  if (tokens.size() != 1) return FailCheck("expected one EncapsulatedTimeStamp");
  auto der = common::Base64Decode(StripWhitespace(NodeText(tokens[0])));
  if (!der) return FailCheck("EncapsulatedTimeStamp is not base64");
  auto canonical = ExcC14n(doc, s.signature_value);
  if (!canonical) return FailCheck(canonical.error().message);
  auto info = crypto::VerifyTimeStampToken(*der, common::Sha256(*canonical), anchors_pem);
  if (!info) return FailCheck(info.error().message);
  gen_time = info->gen_time;
  return Pass("genTime " + common::FormatRfc3339(info->gen_time) + " by " + info->tsa_subject);
}

struct CoreResult {
  CheckResult check;
  X509* certificate = nullptr;  // the certificate whose key was used (owned by `context`)
  XmlSecDSigCtxPtr context;
};

common::Result<XmlSecKeysMngrPtr> TrustManager(const std::vector<std::string>& anchor_pems) {
  XmlSecKeysMngrPtr manager(xmlSecKeysMngrCreate());
  if (!manager || xmlSecCryptoAppDefaultKeysMngrInit(manager.get()) < 0) {
    return common::Fail(ErrorCode::kInternal,
                        "cannot create the xmlsec keys manager: " + TakeXmlSecErrors());
  }
  for (const auto& pem : anchor_pems) {
    auto certificates = crypto::CertificatesFromPem(pem);
    if (!certificates) return common::Fail(certificates.error());
    for (auto& certificate : *certificates) {
      auto der = crypto::CertificateToDer(certificate.get());
      if (!der) return common::Fail(der.error());
      if (xmlSecCryptoAppKeysMngrCertLoadMemory(
              manager.get(), der->data(), static_cast<xmlSecSize>(der->size()),
              xmlSecKeyDataFormatDer, xmlSecKeyDataTypeTrusted) < 0) {
        return common::Fail(ErrorCode::kInvalidArgument,
                            "cannot load a trust anchor: " + TakeXmlSecErrors());
      }
    }
  }
  return manager;
}

// Building a keys manager costs ~30 ms: xmlsec's OpenSSL X509 store loads the system's default CA
// bundle (X509_STORE_set_default_paths) whenever it is created. `sealpost verify` checks many
// evidences against the same anchors, so each thread keeps the last manager it built. Per thread
// because xmlsec does not document a keys manager as safe to share between concurrent
// verifications; a verification only reads it (certificates from KeyInfo go to the key, not to the
// store), so reuse cannot carry anything from one document to the next. Anchors are compared by
// value: another set always gets a manager of its own.
common::Result<xmlSecKeysMngr*> CachedTrustManager(const std::vector<std::string>& anchor_pems) {
  struct Cached {
    std::vector<std::string> anchors;
    XmlSecKeysMngrPtr manager;
  };
  thread_local Cached cached;
  if (cached.manager && cached.anchors == anchor_pems) return cached.manager.get();
  auto manager = TrustManager(anchor_pems);
  if (!manager) return common::Fail(manager.error());
  cached.manager = std::move(*manager);
  cached.anchors = anchor_pems;
  return cached.manager.get();
}

CoreResult CheckCore(const Structure& s, xmlSecKeysMngr* manager,
                     std::optional<common::TimePoint> at) {
  CoreResult result;
  result.context.reset(xmlSecDSigCtxCreate(manager));
  xmlSecDSigCtx* context = result.context.get();
  if (context == nullptr) {
    result.check = FailCheck("xmlSecDSigCtxCreate failed");
    return result;
  }
  context->enabledReferenceUris = static_cast<xmlSecTransformUriType>(
      xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument);
  // The key must come from the X509 certificate (chain-verified), never from a bare KeyValue.
  if (xmlSecPtrListAdd(&context->keyInfoReadCtx.enabledKeyData,
                       const_cast<void*>(static_cast<const void*>(xmlSecKeyDataX509Id))) < 0) {
    result.check = FailCheck("cannot restrict key data to X509");
    return result;
  }
  if (at) context->keyInfoReadCtx.certsVerificationTime = crypto::ToTimeT(*at);
  TakeXmlSecErrors();
  const int rc = xmlSecDSigCtxVerify(context, s.signature);
  if (context->signKey != nullptr) {
    xmlSecKeyDataPtr x509 = xmlSecKeyGetData(context->signKey, xmlSecOpenSSLKeyDataX509Id);
    if (x509 != nullptr) result.certificate = xmlSecOpenSSLKeyDataX509GetKeyCert(x509);
  }
  const std::string errors = TakeXmlSecErrors();
  if (rc < 0) {
    result.check = FailCheck("xmlsec could not verify (no trusted key?): " + errors);
    return result;
  }
  if (context->status != xmlSecDSigStatusSucceeded) {
    std::string detail = "signature invalid";
    for (xmlSecSize i = 0; i < xmlSecPtrListGetSize(&context->signedInfoReferences); ++i) {
      auto* reference = static_cast<xmlSecDSigReferenceCtxPtr>(
          xmlSecPtrListGetItem(&context->signedInfoReferences, i));
      if (reference != nullptr && reference->status != xmlSecDSigStatusSucceeded) {
        detail +=
            "; digest mismatch on Reference URI=\"" +
            std::string(reference->uri != nullptr ? reinterpret_cast<const char*>(reference->uri)
                                                  : "") +
            "\"";
      }
    }
    result.check = FailCheck(detail);
    return result;
  }
  if (result.certificate == nullptr) {
    result.check = FailCheck("the verifying key is not bound to an X509 certificate");
    return result;
  }
  result.check = Pass("references and ECDSA signature valid; signer " +
                      crypto::NameToString(X509_get_subject_name(result.certificate)) +
                      (at ? " (chain checked at genTime)" : " (chain checked now)"));
  return result;
}

// xmlsec's X509 store also trusts the system's CA bundle (it calls X509_STORE_set_default_paths),
// so its chain check alone would accept a seal certificate from any public CA. The signer must
// chain to the verifier's own anchors and nothing else: checked here with a store holding only
// those, at the time-stamp's genTime (or now), with the KeyInfo certificates as untrusted
// intermediates.
CheckResult CheckChainToAnchors(const Structure& s, X509* signer,
                                const std::vector<std::string>& anchor_pems,
                                std::optional<common::TimePoint> at) {
  std::vector<crypto::X509Ptr> anchors;
  for (const auto& pem : anchor_pems) {
    auto certificates = crypto::CertificatesFromPem(pem);
    if (!certificates) return FailCheck(certificates.error().message);
    for (auto& c : *certificates) anchors.push_back(std::move(c));
  }
  if (anchors.empty())
    return FailCheck("no trust anchor given: the seal certificate cannot be trusted");
  std::vector<X509*> raw;
  for (auto& a : anchors) raw.push_back(a.get());
  auto store = crypto::NewTrustStore(raw);
  if (!store) return FailCheck(store.error().message);
  crypto::X509StackPtr untrusted(sk_X509_new_null());
  for (xmlNode* c : Descendants(s.signature, kDsigNamespace, "X509Certificate")) {
    auto der = common::Base64Decode(StripWhitespace(NodeText(c)));
    if (!der) continue;
    auto cert = crypto::CertificateFromDer(*der);
    if (cert) sk_X509_push(untrusted.get(), cert->release());
  }
  crypto::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store->get(), signer, untrusted.get()) != 1) {
    return FailCheck("cannot set up certificate verification");
  }
  if (at) X509_STORE_CTX_set_time(ctx.get(), 0, crypto::ToTimeT(*at));
  if (X509_verify_cert(ctx.get()) != 1) {
    return FailCheck(
        std::string("the seal certificate does not chain to the given trust anchors: ") +
        X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
  }
  return Pass("");
}

CheckResult CheckSigningCertificate(xmlDoc* doc, const Structure& s, X509* used) {
  if (used == nullptr) {
    // The core check could not tell which certificate it used: fall back to the first one shown.
    xmlNode* first = nullptr;
    for (xmlNode* c : Descendants(s.signature, kDsigNamespace, "X509Certificate")) {
      first = c;
      break;
    }
    if (first == nullptr) return FailCheck("no certificate in KeyInfo");
    auto der = common::Base64Decode(StripWhitespace(NodeText(first)));
    if (!der) return FailCheck("KeyInfo certificate is not base64");
    auto parsed = crypto::CertificateFromDer(*der);
    if (!parsed) return FailCheck("KeyInfo certificate unreadable");
    return CheckSigningCertificate(doc, s, parsed->get());
  }
  auto expected = DescribeSigningCertificate(used);
  if (!expected) return FailCheck(expected.error().message);
  auto signing = Descendants(s.signed_properties, kXadesNamespace, "SigningCertificateV2");
  if (signing.size() != 1) return FailCheck("expected one SigningCertificateV2");
  auto certs = ChildElements(signing[0], kXadesNamespace, "Cert");
  if (certs.empty()) return FailCheck("SigningCertificateV2 has no Cert");
  xmlNode* digest = FirstChildElement(certs[0], kXadesNamespace, "CertDigest");
  xmlNode* method = FirstChildElement(digest, kDsigNamespace, "DigestMethod");
  if (Attribute(method, "Algorithm") != kSha256Uri) return FailCheck("CertDigest is not SHA-256");
  if (StripWhitespace(NodeText(FirstChildElement(digest, kDsigNamespace, "DigestValue"))) !=
      expected->digest_base64) {
    return FailCheck("CertDigest does not match the certificate used to verify");
  }
  if (xmlNode* issuer_serial = FirstChildElement(certs[0], kXadesNamespace, "IssuerSerialV2")) {
    if (StripWhitespace(NodeText(issuer_serial)) != expected->issuer_serial_v2) {
      return FailCheck("IssuerSerialV2 does not match the certificate used");
    }
  }
  const std::string ev_ns(domain::kEvidenceNamespace);
  xmlNode* issuer =
      FirstChildElement(xmlDocGetRootElement(doc), ev_ns.c_str(), "EvidenceIssuerDetails");
  std::string shown =
      StripWhitespace(NodeText(FirstChildElement(issuer, ev_ns.c_str(), "SealCertificate")));
  if (shown != common::Base64Encode(expected->der)) {
    return FailCheck("EvidenceIssuerDetails shows another certificate than the one that sealed");
  }
  return Pass("SHA-256 " + common::HexEncode(*common::Base64Decode(expected->digest_base64)));
}

}  // namespace

const VerificationCheck* VerificationReport::Find(std::string_view name) const {
  for (const auto& check : checks) {
    if (check.name == name) return &check;
  }
  return nullptr;
}

VerificationReport EvidenceVerifier::Verify(const std::string& xml_bytes,
                                            const std::vector<std::string>& trust_anchor_pems) {
  VerificationReport report;
  const char* order[] = {checks::kWellFormed,  checks::kSignatureStructure,
                         checks::kXmlDsigCore, checks::kSigningCertificate,
                         checks::kTimeStamp,   checks::kContent};
  for (const char* name : order) report.checks.push_back({name, false, "not evaluated"});
  auto set = [&](const char* name, CheckResult result) {
    for (auto& check : report.checks) {
      if (check.name == name) {
        check.passed = result.passed;
        check.detail = std::move(result.detail);
      }
    }
  };

  auto doc = ParseXml(xml_bytes);
  if (!doc) {
    set(checks::kWellFormed, FailCheck(doc.error().message));
    return report;
  }
  const std::string ev_ns(domain::kEvidenceNamespace);
  xmlNode* root = xmlDocGetRootElement(doc->get());
  if (!IsElement(root, ev_ns.c_str(), "Evidence")) {
    set(checks::kWellFormed, FailCheck("the root element is not {" + ev_ns + "}Evidence"));
    return report;
  }
  const std::string version = Attribute(root, "version");
  if (version != domain::kEvidenceVersion) {
    set(checks::kWellFormed, FailCheck("unsupported version \"" + version + "\""));
    return report;
  }
  set(checks::kWellFormed, Pass("EN 319 522 Evidence, version " + version));

  auto summary = ParseEvidenceSummary(doc->get());
  set(checks::kContent,
      summary ? Pass("all mandatory fields present") : FailCheck(summary.error().message));
  if (summary) report.summary = std::move(*summary);

  Structure structure;
  CheckResult structure_check = CheckStructure(doc->get(), structure);
  const bool structure_ok = structure_check.passed;
  set(checks::kSignatureStructure, std::move(structure_check));
  if (!structure_ok) {
    report.ok = false;
    return report;
  }

  std::optional<common::TimePoint> gen_time;
  set(checks::kTimeStamp,
      CheckTimeStamp(doc->get(), structure, JoinPems(trust_anchor_pems), gen_time));
  report.summary.time_stamp_gen_time = gen_time;

  auto manager = CachedTrustManager(trust_anchor_pems);
  if (!manager) {
    set(checks::kXmlDsigCore, FailCheck(manager.error().message));
  } else {
    CoreResult core = CheckCore(structure, *manager, gen_time);
    set(checks::kSigningCertificate,
        CheckSigningCertificate(doc->get(), structure, core.certificate));
    if (core.check.passed) {
      CheckResult chain =
          CheckChainToAnchors(structure, core.certificate, trust_anchor_pems, gen_time);
      if (!chain.passed) core.check = std::move(chain);
    }
    set(checks::kXmlDsigCore, std::move(core.check));
  }
  report.ok = std::all_of(report.checks.begin(), report.checks.end(),
                          [](const auto& c) { return c.passed; });
  return report;
}

}  // namespace sealpost::adapters::evidence
