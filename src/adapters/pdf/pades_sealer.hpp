// PadesPdfSealer: the PdfSealer that applies the provider's seal as a PAdES baseline signature
// (ETSI EN 319 142-1): B-T when a TimeStamper is given (an RFC 3161 signature time-stamp inside
// the CMS: the seal provably existed at the TSA's time), else B-B. The seal is invisible and is
// added as an incremental update: the input bytes are the untouched prefix of the output.
// Details: pdf_signature_update.hpp (the update, and why PoDoFo), cades_signature.hpp (the CMS).
// The key is held as an EVP_PKEY, so a key from an HSM (PKCS#11 engine) fits as well as the demo
// PKI's. Thread-safety: Seal may be called concurrently: the key and certificates are immutable
// and only read; PoDoFo runs under PodofoLock; hashing, signing and the time-stamp request run in
// parallel outside it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/pdf_sealer.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::pdf {

// Shown by PDF viewers in the signature panel.
struct PadesSealOptions {
  std::string reason;  // e.g. "Sealed by sealpost (qualified registered delivery)"
  std::string location;
  std::string contact_info;
};

class PadesPdfSealer final : public app::PdfSealer {
 public:
  // `chain`: the intermediates (and optionally the root) above `certificate`, embedded so that
  // verifiers can build the path. `time_stamper` may be null (B-B); it and `clock` must outlive
  // the sealer. kInvalidArgument when the key does not match the certificate.
  static common::Result<std::unique_ptr<PadesPdfSealer>> Create(
      crypto::EvpPkeyPtr key, crypto::X509Ptr certificate, std::vector<crypto::X509Ptr> chain,
      app::TimeStamper* time_stamper, const common::Clock& clock, PadesSealOptions options);

  common::Result<std::string> Seal(std::string_view pdf) override;

 private:
  PadesPdfSealer(crypto::EvpPkeyPtr key, crypto::X509Ptr certificate,
                 std::vector<crypto::X509Ptr> chain, app::TimeStamper* time_stamper,
                 const common::Clock& clock, PadesSealOptions options);

  // Bytes reserved for the CMS at first: certificates, signature and attributes, and room for a
  // time-stamp token (its TSA chain is unknown in advance).
  std::size_t InitialContentsCapacity() const;

  const crypto::EvpPkeyPtr key_;
  const crypto::X509Ptr certificate_;
  const std::vector<crypto::X509Ptr> chain_;
  app::TimeStamper* const time_stamper_;
  const common::Clock& clock_;
  const PadesSealOptions options_;
};

}  // namespace sealpost::adapters::pdf
