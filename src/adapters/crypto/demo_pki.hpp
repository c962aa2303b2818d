// DemoPki: the local public-key infrastructure of a demo or test installation. On first start it
// generates, then on every start reloads from one directory (e.g. DATA/pki/):
//   ca.pem / ca-key.pem      local root CA, ECDSA P-256, self-signed, 10 years
//   seal.pem / seal-key.pem  the provider's seal certificate (digitalSignature + nonRepudiation)
//   tsa.pem / tsa-key.pem    the built-in TSA's certificate (critical extendedKeyUsage
//   timeStamping) log-ed25519.seed         32-byte Ed25519 seed (RFC 8032) signing the Merkle log
//   checkpoints
// Keys are written with mode 0600, every file atomically (temp file, fsync, rename, fsync dir).
// In production the seal key lives in an HSM and time-stamps come from a qualified TSA: this class
// exists so that a fresh checkout runs end to end without either.
// Thread-safety: immutable after loading; every accessor may be called concurrently. Returned raw
// pointers are borrowed: up-reference them (UpRef in openssl_handles.hpp) to keep them longer than
// the DemoPki.
#pragma once

#include <filesystem>
#include <string>

#include "adapters/crypto/openssl_handles.hpp"
#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::crypto {

class DemoPki final {
 public:
  static constexpr const char* kCaCertificateFile = "ca.pem";
  static constexpr const char* kCaKeyFile = "ca-key.pem";
  static constexpr const char* kSealCertificateFile = "seal.pem";
  static constexpr const char* kSealKeyFile = "seal-key.pem";
  static constexpr const char* kTsaCertificateFile = "tsa.pem";
  static constexpr const char* kTsaKeyFile = "tsa-key.pem";
  static constexpr const char* kLogSeedFile = "log-ed25519.seed";

  // Loads the PKI from `dir`. When `dir` is missing or holds none of the files above, generates a
  // new PKI there first (certificates valid from `clock.Now()` minus one hour). A partial set of
  // files is kFailedPrecondition: a half-written PKI is never silently replaced.
  static common::Result<DemoPki> LoadOrCreate(const std::filesystem::path& dir,
                                              const common::Clock& clock);
  // Loads an existing PKI; kNotFound when the files are absent, kFailedPrecondition when they do
  // not fit together (a key not matching its certificate, a certificate not issued by the CA).
  static common::Result<DemoPki> Load(const std::filesystem::path& dir);

  X509* ca_certificate() const { return ca_cert_.get(); }
  // Demo only: lets tests and tools issue further certificates under the local CA.
  EVP_PKEY* ca_key() const { return ca_key_.get(); }
  X509* seal_certificate() const { return seal_cert_.get(); }
  EVP_PKEY* seal_key() const { return seal_key_.get(); }
  X509* tsa_certificate() const { return tsa_cert_.get(); }
  EVP_PKEY* tsa_key() const { return tsa_key_.get(); }
  // The Ed25519 checkpoint key (private; the public half via log_public_key()).
  EVP_PKEY* log_key() const { return log_key_.get(); }

  const std::string& ca_certificate_pem() const { return ca_cert_pem_; }
  const std::string& seal_certificate_pem() const { return seal_cert_pem_; }
  const std::string& seal_key_pem() const { return seal_key_pem_; }  // secret: never log
  const std::string& tsa_certificate_pem() const { return tsa_cert_pem_; }
  const std::string& tsa_key_pem() const { return tsa_key_pem_; }          // secret: never log
  const common::Bytes& log_seed() const { return log_seed_; }              // secret: never log
  const common::Bytes& log_public_key() const { return log_public_key_; }  // 32 bytes

  DemoPki(DemoPki&&) noexcept = default;
  DemoPki& operator=(DemoPki&&) noexcept = default;
  ~DemoPki();  // wipes the in-memory copies of the secrets

 private:
  DemoPki() = default;

  X509Ptr ca_cert_;
  EvpPkeyPtr ca_key_;
  X509Ptr seal_cert_;
  EvpPkeyPtr seal_key_;
  X509Ptr tsa_cert_;
  EvpPkeyPtr tsa_key_;
  EvpPkeyPtr log_key_;
  std::string ca_cert_pem_;
  std::string seal_cert_pem_;
  std::string seal_key_pem_;
  std::string tsa_cert_pem_;
  std::string tsa_key_pem_;
  common::Bytes log_seed_;
  common::Bytes log_public_key_;
};

}  // namespace sealpost::adapters::crypto
