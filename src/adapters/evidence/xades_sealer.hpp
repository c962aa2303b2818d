// XadesEvidenceSealer: the EvidenceSealer that seals EN 319 522-3 evidence XML with an enveloped
// XAdES baseline B-T signature (ECDSA-SHA256 over exc-c14n, SigningTime + SigningCertificateV2 in
// the signed properties, an RFC 3161 SignatureTimeStamp over exc-c14n(ds:SignatureValue) in the
// unsigned properties). The bytes returned are serialised once and must be stored verbatim.
// Thread-safety: Seal() may be called from several threads at once: each call owns its document
// and xmlsec context, and borrows an xmlSecKey of its own from a pool (xmlsec keys are not safe to
// share between concurrent signings). The pool mutex is held to take or return a key (and to
// duplicate one while the pool grows to the peak number of concurrent Seal() calls), never while
// signing or time-stamping.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/evidence/evidence_xml.hpp"
#include "app/ports/evidence_sealer.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

struct _xmlSecKey;  // xmlsec's key, opaque here

namespace sealpost::adapters::evidence {

struct XmlSecKeyHolderDeleter {
  void operator()(_xmlSecKey* key) const;
};

class XadesEvidenceSealer final : public app::EvidenceSealer {
 public:
  // `seal_key_pem`: unencrypted private key of the seal certificate (ECDSA P-256 expected).
  // `chain_pems`: intermediate (and optionally root) certificates, each PEM may hold several.
  // `time_stamper` and `clock` must outlive the sealer. kInvalidArgument when the key, the
  // certificate or the chain cannot be parsed or the key does not match the certificate.
  static common::Result<std::unique_ptr<XadesEvidenceSealer>> Create(
      ProviderConfig provider, const std::string& seal_key_pem,
      const std::string& seal_certificate_pem, const std::vector<std::string>& chain_pems,
      app::TimeStamper& time_stamper, const common::Clock& clock);

  common::Result<std::string> Seal(const domain::Evidence& evidence) override;

 private:
  XadesEvidenceSealer(EvidenceXmlBuilder builder,
                      std::unique_ptr<_xmlSecKey, XmlSecKeyHolderDeleter> key,
                      common::Bytes seal_certificate_der, std::string issuer_serial_v2,
                      app::TimeStamper& time_stamper, const common::Clock& clock);

  using KeyPtr = std::unique_ptr<_xmlSecKey, XmlSecKeyHolderDeleter>;
  class KeyLease;

  // A key for one signing: from the pool, or a new duplicate when every pooled key is in use.
  // xmlSecKeyDuplicate re-decodes every certificate of the key (~20% of a seal), hence the pool.
  common::Result<KeyPtr> TakeKey();
  void ReturnKey(KeyPtr key);

  EvidenceXmlBuilder builder_;
  const KeyPtr key_;  // the template: never used for signing, duplicated under pool_mutex_
  std::mutex pool_mutex_;
  std::vector<KeyPtr> idle_keys_;  // guarded by pool_mutex_
  common::Bytes seal_certificate_der_;
  std::string issuer_serial_v2_;  // base64 DER IssuerSerial of the seal certificate
  app::TimeStamper& time_stamper_;
  const common::Clock& clock_;
};

}  // namespace sealpost::adapters::evidence
