#include "adapters/evidence/xades_sealer.hpp"

#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/x509.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>

#include <utility>

#include "adapters/crypto/pem.hpp"
#include "adapters/evidence/signing_certificate.hpp"
#include "adapters/evidence/xml_support.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

common::Error XmlSecError(ErrorCode code, const std::string& what) {
  std::string details = TakeXmlSecErrors();
  return common::Error{code, details.empty() ? what : what + ": " + details, {}};
}

common::Result<xmlNode*> NewChild(xmlNode* parent, xmlNs* ns, const char* name,
                                  const std::string* text = nullptr) {
  xmlNode* node = xmlNewTextChild(parent, ns, BAD_CAST name,
                                  text != nullptr ? BAD_CAST text->c_str() : nullptr);
  if (node == nullptr)
    return common::Fail(ErrorCode::kInternal, std::string("cannot create ") + name);
  return node;
}

common::Result<void> SetProp(xmlNode* node, const char* name, const std::string& value) {
  if (xmlSetProp(node, BAD_CAST name, BAD_CAST value.c_str()) == nullptr) {
    return common::Fail(ErrorCode::kInternal, std::string("cannot set ") + name);
  }
  return common::Ok();
}

}  // namespace

void XmlSecKeyHolderDeleter::operator()(_xmlSecKey* key) const { xmlSecKeyDestroy(key); }

// Returns the borrowed key to the pool on every exit path of Seal().
class XadesEvidenceSealer::KeyLease {
 public:
  KeyLease(XadesEvidenceSealer& owner, KeyPtr key) : owner_(owner), key_(std::move(key)) {}
  KeyLease(const KeyLease&) = delete;
  KeyLease& operator=(const KeyLease&) = delete;
  ~KeyLease() {
    if (key_) owner_.ReturnKey(std::move(key_));
  }
  _xmlSecKey* get() const { return key_.get(); }

 private:
  XadesEvidenceSealer& owner_;
  KeyPtr key_;
};

common::Result<XadesEvidenceSealer::KeyPtr> XadesEvidenceSealer::TakeKey() {
  std::lock_guard lock(pool_mutex_);
  if (!idle_keys_.empty()) {
    KeyPtr key = std::move(idle_keys_.back());
    idle_keys_.pop_back();
    return key;
  }
  // Every pooled key is in use: duplicate the template. Done under the lock, as before the pool,
  // because xmlsec does not say that duplicating a key is safe while another thread reads it; this
  // only happens while the pool grows to the peak number of concurrent seals.
  KeyPtr key(xmlSecKeyDuplicate(key_.get()));
  if (!key) return common::Fail(XmlSecError(ErrorCode::kInternal, "cannot copy the seal key"));
  return key;
}

void XadesEvidenceSealer::ReturnKey(KeyPtr key) {
  std::lock_guard lock(pool_mutex_);
  idle_keys_.push_back(std::move(key));
}

common::Result<std::unique_ptr<XadesEvidenceSealer>> XadesEvidenceSealer::Create(
    ProviderConfig provider, const std::string& seal_key_pem,
    const std::string& seal_certificate_pem, const std::vector<std::string>& chain_pems,
    app::TimeStamper& time_stamper, const common::Clock& clock) {
  SP_CHECK(EnsureXmlSecurity());
  auto certificate = crypto::CertificateFromPem(seal_certificate_pem);
  if (!certificate) return common::Fail(certificate.error());
  auto private_key = crypto::PrivateKeyFromPem(seal_key_pem);
  if (!private_key) return common::Fail(private_key.error());
  if (X509_check_private_key(certificate->get(), private_key->get()) != 1) {
    crypto::DrainOpenSslErrors();
    return common::Fail(ErrorCode::kInvalidArgument,
                        "the seal key does not match the seal certificate");
  }
  auto described = DescribeSigningCertificate(certificate->get());
  if (!described) return common::Fail(described.error());

  std::unique_ptr<_xmlSecKey, XmlSecKeyHolderDeleter> key(
      xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(seal_key_pem.data()),
                                   static_cast<xmlSecSize>(seal_key_pem.size()),
                                   xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr));
  if (!key)
    return common::Fail(
        XmlSecError(ErrorCode::kInvalidArgument, "xmlsec cannot load the seal key"));
  // The seal certificate first: xmlsec writes KeyInfo/X509Data in the order certificates were
  // added.
  std::vector<common::Bytes> certificates{described->der};
  for (const auto& pem : chain_pems) {
    auto chain = crypto::CertificatesFromPem(pem);
    if (!chain) return common::Fail(chain.error());
    for (auto& cert : *chain) {
      auto der = crypto::CertificateToDer(cert.get());
      if (!der) return common::Fail(der.error());
      certificates.push_back(std::move(*der));
    }
  }
  for (const auto& der : certificates) {
    if (xmlSecCryptoAppKeyCertLoadMemory(key.get(), der.data(), static_cast<xmlSecSize>(der.size()),
                                         xmlSecKeyDataFormatDer) < 0) {
      return common::Fail(
          XmlSecError(ErrorCode::kInvalidArgument, "xmlsec cannot load a certificate"));
    }
  }
  EvidenceXmlBuilder builder(std::move(provider), described->der);
  return std::unique_ptr<XadesEvidenceSealer>(
      new XadesEvidenceSealer(std::move(builder), std::move(key), std::move(described->der),
                              std::move(described->issuer_serial_v2), time_stamper, clock));
}

XadesEvidenceSealer::XadesEvidenceSealer(EvidenceXmlBuilder builder,
                                         std::unique_ptr<_xmlSecKey, XmlSecKeyHolderDeleter> key,
                                         common::Bytes seal_certificate_der,
                                         std::string issuer_serial_v2,
                                         app::TimeStamper& time_stamper, const common::Clock& clock)
    : builder_(std::move(builder)),
      key_(std::move(key)),
      seal_certificate_der_(std::move(seal_certificate_der)),
      issuer_serial_v2_(std::move(issuer_serial_v2)),
      time_stamper_(time_stamper),
      clock_(clock) {}

common::Result<std::string> XadesEvidenceSealer::Seal(const domain::Evidence& evidence) {
  TakeXmlSecErrors();  // start from a clean per-thread error buffer
  auto built = builder_.BuildDocument(evidence);
  if (!built) return common::Fail(built.error());
  xmlDoc* doc = built->get();
  xmlNode* root = xmlDocGetRootElement(doc);

  // Ids are NCNames: the evidence UUID may start with a digit, hence the prefixes.
  const std::string signature_id = "sig-" + evidence.id;
  const std::string document_ref_id = "ref-doc-" + evidence.id;
  const std::string signed_properties_id = "xades-" + evidence.id;

  xmlNode* signature =
      xmlSecTmplSignatureCreateNsPref(doc, xmlSecTransformExclC14NId, xmlSecTransformEcdsaSha256Id,
                                      BAD_CAST signature_id.c_str(), BAD_CAST kDsigPrefix);
  if (signature == nullptr)
    return common::Fail(XmlSecError(ErrorCode::kInternal, "cannot create ds:Signature"));
  xmlAddChild(root, signature);
  xmlNode* document_ref = xmlSecTmplSignatureAddReference(
      signature, xmlSecTransformSha256Id, BAD_CAST document_ref_id.c_str(), BAD_CAST "", nullptr);
  if (document_ref == nullptr ||
      xmlSecTmplReferenceAddTransform(document_ref, xmlSecTransformEnvelopedId) == nullptr ||
      xmlSecTmplReferenceAddTransform(document_ref, xmlSecTransformExclC14NId) == nullptr) {
    return common::Fail(XmlSecError(ErrorCode::kInternal, "cannot create the document reference"));
  }
  const std::string properties_uri = "#" + signed_properties_id;
  xmlNode* properties_ref = xmlSecTmplSignatureAddReference(
      signature, xmlSecTransformSha256Id, nullptr, BAD_CAST properties_uri.c_str(),
      BAD_CAST kSignedPropertiesType);
  if (properties_ref == nullptr ||
      xmlSecTmplReferenceAddTransform(properties_ref, xmlSecTransformExclC14NId) == nullptr) {
    return common::Fail(
        XmlSecError(ErrorCode::kInternal, "cannot create the SignedProperties reference"));
  }
  xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr);
  xmlNode* x509_data = key_info != nullptr ? xmlSecTmplKeyInfoAddX509Data(key_info) : nullptr;
  // An empty X509Certificate asks xmlsec to write every certificate of the key (seal cert, chain).
  if (x509_data == nullptr || xmlSecTmplX509DataAddCertificate(x509_data) == nullptr) {
    return common::Fail(XmlSecError(ErrorCode::kInternal, "cannot create KeyInfo"));
  }
  xmlNode* object = xmlSecTmplSignatureAddObject(signature, nullptr, nullptr, nullptr);
  if (object == nullptr)
    return common::Fail(XmlSecError(ErrorCode::kInternal, "cannot create ds:Object"));

  // xades:QualifyingProperties / SignedProperties
  xmlNs* ds = xmlSearchNsByHref(doc, signature, BAD_CAST kDsigNamespace);
  SP_TRY(qualifying, NewChild(object, nullptr, "QualifyingProperties"));
  xmlNs* xades = xmlNewNs(qualifying, BAD_CAST kXadesNamespace, BAD_CAST kXadesPrefix);
  if (xades == nullptr || ds == nullptr)
    return common::Fail(ErrorCode::kInternal, "namespace setup failed");
  xmlSetNs(qualifying, xades);
  SP_CHECK(SetProp(qualifying, "Target", "#" + signature_id));
  SP_TRY(signed_properties, NewChild(qualifying, xades, "SignedProperties"));
  xmlAttr* id_attr =
      xmlSetProp(signed_properties, BAD_CAST "Id", BAD_CAST signed_properties_id.c_str());
  if (id_attr == nullptr ||
      xmlAddID(nullptr, doc, BAD_CAST signed_properties_id.c_str(), id_attr) == nullptr) {
    return common::Fail(ErrorCode::kInternal, "cannot register the SignedProperties Id");
  }
  SP_TRY(signature_properties, NewChild(signed_properties, xades, "SignedSignatureProperties"));
  const std::string signing_time = common::FormatRfc3339(clock_.Now());
  SP_CHECK(NewChild(signature_properties, xades, "SigningTime", &signing_time));
  SP_TRY(signing_certificate, NewChild(signature_properties, xades, "SigningCertificateV2"));
  SP_TRY(cert, NewChild(signing_certificate, xades, "Cert"));
  SP_TRY(cert_digest, NewChild(cert, xades, "CertDigest"));
  SP_TRY(digest_method, NewChild(cert_digest, ds, "DigestMethod"));
  SP_CHECK(SetProp(digest_method, "Algorithm", kSha256Uri));
  const std::string cert_digest_value = common::Base64Encode(common::Sha256(seal_certificate_der_));
  SP_CHECK(NewChild(cert_digest, ds, "DigestValue", &cert_digest_value));
  SP_CHECK(NewChild(cert, xades, "IssuerSerialV2", &issuer_serial_v2_));
  // Baseline B-B: the format of each signed data object (here the whole evidence document).
  SP_TRY(data_properties, NewChild(signed_properties, xades, "SignedDataObjectProperties"));
  SP_TRY(data_format, NewChild(data_properties, xades, "DataObjectFormat"));
  SP_CHECK(SetProp(data_format, "ObjectReference", "#" + document_ref_id));
  const std::string mime_type = "text/xml";
  SP_CHECK(NewChild(data_format, xades, "MimeType", &mime_type));

  // Sign (B-B). The context only borrows the key: xmlSecDSigCtxDestroy would free signKey, so it is
  // detached again before the context goes (the lease, declared first, outlives the context).
  auto pooled_key = TakeKey();
  if (!pooled_key) return common::Fail(pooled_key.error());
  KeyLease key(*this, std::move(*pooled_key));
  XmlSecDSigCtxPtr context(xmlSecDSigCtxCreate(nullptr));
  if (!context)
    return common::Fail(XmlSecError(ErrorCode::kInternal, "xmlSecDSigCtxCreate failed"));
  context->signKey = key.get();
  context->enabledReferenceUris = static_cast<xmlSecTransformUriType>(
      xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument);
  const int signed_rc = xmlSecDSigCtxSign(context.get(), signature);
  context->signKey = nullptr;
  context.reset();
  if (signed_rc < 0) {
    return common::Fail(XmlSecError(ErrorCode::kInternal, "xmlsec signing failed"));
  }

  // Time-stamp the signature value (B-T).
  xmlNode* signature_value = FirstChildElement(signature, kDsigNamespace, "SignatureValue");
  if (signature_value == nullptr)
    return common::Fail(ErrorCode::kInternal, "no ds:SignatureValue after signing");
  auto canonical = ExcC14n(doc, signature_value);
  if (!canonical) return common::Fail(canonical.error());
  auto token = time_stamper_.TimeStamp(common::Sha256(*canonical));
  if (!token) return common::Fail(token.error());
  SP_TRY(unsigned_properties, NewChild(qualifying, xades, "UnsignedProperties"));
  SP_TRY(unsigned_signature_properties,
         NewChild(unsigned_properties, xades, "UnsignedSignatureProperties"));
  SP_TRY(time_stamp, NewChild(unsigned_signature_properties, xades, "SignatureTimeStamp"));
  SP_CHECK(SetProp(time_stamp, "Id", "ts-" + evidence.id));
  SP_TRY(c14n_method, NewChild(time_stamp, ds, "CanonicalizationMethod"));
  SP_CHECK(SetProp(c14n_method, "Algorithm", kExcC14nUri));
  const std::string encapsulated = common::Base64Encode(token->der);
  SP_CHECK(NewChild(time_stamp, xades, "EncapsulatedTimeStamp", &encapsulated));

  return SerializeXml(doc);
}

}  // namespace sealpost::adapters::evidence
