#include "adapters/crypto/pem.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;

BioPtr MemoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

common::Result<X509Ptr> CertificateFromPem(std::string_view pem) {
  if (pem.size() > INT_MAX)
    return common::Fail(ErrorCode::kInvalidArgument, "certificate too large");
  BioPtr bio = MemoryBio(pem);
  if (!bio) return common::Fail(OpenSslError(ErrorCode::kInternal, "BIO_new_mem_buf failed"));
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert)
    return common::Fail(OpenSslError(ErrorCode::kInvalidArgument, "not a PEM certificate"));
  return cert;
}

common::Result<std::vector<X509Ptr>> CertificatesFromPem(std::string_view pem) {
  if (pem.size() > INT_MAX)
    return common::Fail(ErrorCode::kInvalidArgument, "certificates too large");
  BioPtr bio = MemoryBio(pem);
  if (!bio) return common::Fail(OpenSslError(ErrorCode::kInternal, "BIO_new_mem_buf failed"));
  std::vector<X509Ptr> certs;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certs.emplace_back(cert);
  }
  // The loop ends with a "no start line" error at the end of the input: expected, not a failure.
  unsigned long last = ERR_peek_last_error();
  if (ERR_GET_REASON(last) == PEM_R_NO_START_LINE) ERR_clear_error();
  if (certs.empty() || ERR_peek_error() != 0) {
    return common::Fail(OpenSslError(ErrorCode::kInvalidArgument, "not a PEM certificate bundle"));
  }
  return certs;
}

common::Result<X509Ptr> CertificateFromDer(const common::Bytes& der) {
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) {
    return common::Fail(OpenSslError(ErrorCode::kInvalidArgument, "not a DER certificate"));
  }
  return cert;
}

common::Result<EvpPkeyPtr> PrivateKeyFromPem(std::string_view pem) {
  if (pem.size() > INT_MAX) return common::Fail(ErrorCode::kInvalidArgument, "key too large");
  BioPtr bio = MemoryBio(pem);
  if (!bio) return common::Fail(OpenSslError(ErrorCode::kInternal, "BIO_new_mem_buf failed"));
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) return common::Fail(OpenSslError(ErrorCode::kInvalidArgument, "not a PEM private key"));
  return key;
}

common::Result<std::string> CertificateToPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "PEM_write_bio_X509 failed"));
  }
  return BioContents(bio.get());
}

common::Result<common::Bytes> CertificateToDer(X509* cert) {
  int len = i2d_X509(cert, nullptr);
  if (len <= 0) return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_X509 failed"));
  common::Bytes der(static_cast<std::size_t>(len));
  unsigned char* p = der.data();  // i2d advances the pointer: a fresh one per call
  if (i2d_X509(cert, &p) != len) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_X509 failed"));
  }
  return der;
}

common::Result<std::string> PrivateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "PEM_write_bio_PrivateKey failed"));
  }
  return BioContents(bio.get());
}

common::Result<X509StorePtr> NewTrustStore(const std::vector<X509*>& anchors) {
  X509StorePtr store(X509_STORE_new());
  if (!store) return common::Fail(OpenSslError(ErrorCode::kInternal, "X509_STORE_new failed"));
  for (X509* anchor : anchors) {
    if (X509_STORE_add_cert(store.get(), anchor) != 1) {
      return common::Fail(OpenSslError(ErrorCode::kInternal, "X509_STORE_add_cert failed"));
    }
  }
  return store;
}

std::string NameToString(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) {
    DrainOpenSslErrors();
    return {};
  }
  return BioContents(bio.get());
}

}  // namespace sealpost::adapters::crypto
