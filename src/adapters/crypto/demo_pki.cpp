#include "adapters/crypto/demo_pki.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <utility>
#include <vector>

#include "adapters/crypto/asn1_time.hpp"
#include "adapters/crypto/pem.hpp"
#include "adapters/files/atomic_file.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;
namespace fs = std::filesystem;

constexpr long kCaValidityDays = 3650;
constexpr long kLeafValidityDays = 3650;
// Certificates start one hour in the past so that a peer whose clock is slightly behind accepts
// them.
constexpr long kBackdateSeconds = 3600;
constexpr std::size_t kEd25519SeedSize = 32;
constexpr mode_t kKeyMode = 0600;
constexpr mode_t kCertificateMode = 0644;

const char* const kAllFiles[] = {DemoPki::kCaCertificateFile,   DemoPki::kCaKeyFile,
                                 DemoPki::kSealCertificateFile, DemoPki::kSealKeyFile,
                                 DemoPki::kTsaCertificateFile,  DemoPki::kTsaKeyFile,
                                 DemoPki::kLogSeedFile};

using files::FsyncDirectory;
using files::ReadWholeFile;

common::Result<EvpPkeyPtr> GenerateP256Key() {
  EvpPkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return common::Fail(OpenSslError(ErrorCode::kInternal, "P-256 key generation failed"));
  return key;
}

common::Result<EvpPkeyPtr> Ed25519FromSeed(const common::Bytes& seed) {
  if (seed.size() != kEd25519SeedSize) {
    return common::Fail(ErrorCode::kFailedPrecondition, "the Ed25519 seed must be 32 bytes");
  }
  EvpPkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!key) return common::Fail(OpenSslError(ErrorCode::kInternal, "invalid Ed25519 seed"));
  return key;
}

common::Result<X509NamePtr> MakeName(const std::vector<std::pair<const char*, const char*>>& rdns) {
  X509NamePtr name(X509_NAME_new());
  if (!name) return common::Fail(OpenSslError(ErrorCode::kInternal, "X509_NAME_new failed"));
  for (const auto& [field, value] : rdns) {
    if (X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value), -1, -1, 0) != 1) {
      return common::Fail(OpenSslError(ErrorCode::kInternal, "X509_NAME_add_entry failed"));
    }
  }
  return name;
}

struct CertificateSpec {
  X509_NAME* subject = nullptr;
  EVP_PKEY* subject_key = nullptr;
  X509* issuer = nullptr;  // nullptr: self-signed
  EVP_PKEY* issuer_key = nullptr;
  long validity_days = 0;
  // Extensions in OpenSSL config syntax, e.g. {NID_key_usage, "critical,keyCertSign,cRLSign"}.
  std::vector<std::pair<int, const char*>> extensions;
};

common::Result<X509Ptr> IssueCertificate(const CertificateSpec& spec, common::TimePoint now) {
  X509Ptr cert(X509_new());
  if (!cert) return common::Fail(OpenSslError(ErrorCode::kInternal, "X509_new failed"));
  // A random 127-bit positive serial: unique without keeping a counter (RFC 5280 allows 20 octets).
  BigNumPtr serial(BN_new());
  std::time_t t = ToTimeT(now);
  if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr ||
      X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -kBackdateSeconds, &t) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), spec.validity_days, 0, &t) == nullptr ||
      X509_set_subject_name(cert.get(), spec.subject) != 1 ||
      X509_set_issuer_name(cert.get(), spec.issuer != nullptr ? X509_get_subject_name(spec.issuer)
                                                              : spec.subject) != 1 ||
      X509_set_pubkey(cert.get(), spec.subject_key) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot fill the certificate"));
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, spec.issuer != nullptr ? spec.issuer : cert.get(), cert.get(), nullptr,
                 nullptr, 0);
  for (const auto& [nid, value] : spec.extensions) {
    X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) {
      return common::Fail(OpenSslError(ErrorCode::kInternal,
                                       std::string("cannot add extension ") + OBJ_nid2sn(nid)));
    }
  }
  if (X509_sign(cert.get(), spec.issuer_key, EVP_sha256()) <= 0) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "X509_sign failed"));
  }
  return cert;
}

common::Result<void> Generate(const fs::path& dir, const common::Clock& clock) {
  common::TimePoint now = clock.Now();
  auto ca_key = GenerateP256Key();
  auto seal_key = GenerateP256Key();
  auto tsa_key = GenerateP256Key();
  if (!ca_key) return common::Fail(ca_key.error());
  if (!seal_key) return common::Fail(seal_key.error());
  if (!tsa_key) return common::Fail(tsa_key.error());

  auto ca_name = MakeName({{"C", "BE"}, {"O", "sealpost demo"}, {"CN", "sealpost demo root CA"}});
  auto seal_name = MakeName({{"C", "BE"}, {"O", "sealpost demo"}, {"CN", "sealpost demo seal"}});
  auto tsa_name = MakeName({{"C", "BE"}, {"O", "sealpost demo"}, {"CN", "sealpost demo TSA"}});
  if (!ca_name || !seal_name || !tsa_name) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot build certificate names"));
  }

  auto ca = IssueCertificate({.subject = ca_name->get(),
                              .subject_key = ca_key->get(),
                              .issuer = nullptr,
                              .issuer_key = ca_key->get(),
                              .validity_days = kCaValidityDays,
                              .extensions = {{NID_basic_constraints, "critical,CA:TRUE"},
                                             {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                             {NID_subject_key_identifier, "hash"}}},
                             now);
  if (!ca) return common::Fail(ca.error());
  auto seal =
      IssueCertificate({.subject = seal_name->get(),
                        .subject_key = seal_key->get(),
                        .issuer = ca->get(),
                        .issuer_key = ca_key->get(),
                        .validity_days = kLeafValidityDays,
                        .extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                                       {NID_key_usage, "critical,digitalSignature,nonRepudiation"},
                                       {NID_subject_key_identifier, "hash"},
                                       {NID_authority_key_identifier, "keyid:always"}}},
                       now);
  if (!seal) return common::Fail(seal.error());
  // RFC 3161 §2.3: the TSA certificate has exactly one, critical, extended key usage: timeStamping.
  auto tsa = IssueCertificate({.subject = tsa_name->get(),
                               .subject_key = tsa_key->get(),
                               .issuer = ca->get(),
                               .issuer_key = ca_key->get(),
                               .validity_days = kLeafValidityDays,
                               .extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                                              {NID_key_usage, "critical,digitalSignature"},
                                              {NID_ext_key_usage, "critical,timeStamping"},
                                              {NID_subject_key_identifier, "hash"},
                                              {NID_authority_key_identifier, "keyid:always"}}},
                              now);
  if (!tsa) return common::Fail(tsa.error());

  std::string seed(kEd25519SeedSize, '\0');
  if (RAND_priv_bytes(reinterpret_cast<unsigned char*>(seed.data()),
                      static_cast<int>(seed.size())) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "RAND_priv_bytes failed"));
  }

  struct Output {
    const char* name;
    common::Result<std::string> content;
    mode_t mode;
  };
  std::vector<Output> outputs;
  outputs.push_back({DemoPki::kCaKeyFile, PrivateKeyToPem(ca_key->get()), kKeyMode});
  outputs.push_back({DemoPki::kSealKeyFile, PrivateKeyToPem(seal_key->get()), kKeyMode});
  outputs.push_back({DemoPki::kTsaKeyFile, PrivateKeyToPem(tsa_key->get()), kKeyMode});
  outputs.push_back({DemoPki::kLogSeedFile, seed, kKeyMode});
  outputs.push_back(
      {DemoPki::kSealCertificateFile, CertificateToPem(seal->get()), kCertificateMode});
  outputs.push_back({DemoPki::kTsaCertificateFile, CertificateToPem(tsa->get()), kCertificateMode});
  // The CA certificate goes last: its presence marks a complete PKI.
  outputs.push_back({DemoPki::kCaCertificateFile, CertificateToPem(ca->get()), kCertificateMode});
  OPENSSL_cleanse(seed.data(), seed.size());

  common::Result<void> result = common::Ok();
  for (Output& output : outputs) {
    if (result && !output.content) result = common::Fail(output.content.error());
    if (result)
      result = files::WriteFileAtomically(dir / output.name, *output.content, output.mode);
    if (output.content) OPENSSL_cleanse(output.content->data(), output.content->size());
  }
  return result;
}

common::Result<void> CheckIssuedByCa(X509* cert, X509* ca, const char* what) {
  EVP_PKEY* ca_public = X509_get0_pubkey(ca);
  if (ca_public == nullptr || X509_verify(cert, ca_public) != 1 ||
      X509_NAME_cmp(X509_get_issuer_name(cert), X509_get_subject_name(ca)) != 0) {
    return common::Fail(OpenSslError(ErrorCode::kFailedPrecondition,
                                     std::string(what) + " certificate is not issued by the CA"));
  }
  return common::Ok();
}

common::Result<void> CheckKeyMatches(X509* cert, EVP_PKEY* key, const char* what) {
  if (X509_check_private_key(cert, key) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kFailedPrecondition,
                                     std::string(what) + " key does not match its certificate"));
  }
  return common::Ok();
}

}  // namespace

DemoPki::~DemoPki() {
  OPENSSL_cleanse(seal_key_pem_.data(), seal_key_pem_.size());
  OPENSSL_cleanse(tsa_key_pem_.data(), tsa_key_pem_.size());
  OPENSSL_cleanse(log_seed_.data(), log_seed_.size());
}

common::Result<DemoPki> DemoPki::LoadOrCreate(const fs::path& dir, const common::Clock& clock) {
  std::error_code ec;
  std::vector<std::string> present;
  std::vector<std::string> missing;
  for (const char* name : kAllFiles) {
    (fs::exists(dir / name, ec) ? present : missing).push_back(name);
  }
  if (present.empty()) {
    if (!fs::exists(dir, ec)) {
      if (!fs::create_directories(dir, ec) || ec) {
        return common::Fail(ErrorCode::kInternal,
                            "cannot create " + dir.string() + ": " + ec.message());
      }
      // The directory holds private keys: only the owner may list it.
      fs::permissions(dir, fs::perms::owner_all, ec);
      if (dir.has_parent_path()) (void)FsyncDirectory(dir.parent_path());
    }
    if (auto generated = Generate(dir, clock); !generated) return common::Fail(generated.error());
  } else if (!missing.empty()) {
    std::string list;
    for (const auto& name : missing) list += (list.empty() ? "" : ", ") + name;
    return common::Fail(ErrorCode::kFailedPrecondition,
                        "incomplete demo PKI in " + dir.string() + " (missing " + list +
                            "): restore the files or delete the directory to generate a new PKI");
  }
  return Load(dir);
}

common::Result<DemoPki> DemoPki::Load(const fs::path& dir) {
  DemoPki pki;
  auto read = [&dir](const char* name) { return ReadWholeFile(dir / name); };

  auto ca_pem = read(kCaCertificateFile);
  auto ca_key_pem = read(kCaKeyFile);
  auto seal_pem = read(kSealCertificateFile);
  auto seal_key_pem = read(kSealKeyFile);
  auto tsa_pem = read(kTsaCertificateFile);
  auto tsa_key_pem = read(kTsaKeyFile);
  auto seed = read(kLogSeedFile);
  for (const auto* file :
       {&ca_pem, &ca_key_pem, &seal_pem, &seal_key_pem, &tsa_pem, &tsa_key_pem, &seed}) {
    if (!*file) return common::Fail(file->error());
  }

  auto ca_cert = CertificateFromPem(*ca_pem);
  auto ca_key = PrivateKeyFromPem(*ca_key_pem);
  auto seal_cert = CertificateFromPem(*seal_pem);
  auto seal_key = PrivateKeyFromPem(*seal_key_pem);
  auto tsa_cert = CertificateFromPem(*tsa_pem);
  auto tsa_key = PrivateKeyFromPem(*tsa_key_pem);
  OPENSSL_cleanse(ca_key_pem->data(), ca_key_pem->size());
  pki.log_seed_.assign(seed->begin(), seed->end());
  OPENSSL_cleanse(seed->data(), seed->size());
  if (!ca_cert || !ca_key || !seal_cert || !seal_key || !tsa_cert || !tsa_key) {
    return common::Fail(ErrorCode::kFailedPrecondition,
                        "unreadable certificate or key in " + dir.string());
  }
  auto log_key = Ed25519FromSeed(pki.log_seed_);
  if (!log_key) return common::Fail(log_key.error());

  if (auto r = CheckKeyMatches(ca_cert->get(), ca_key->get(), "CA"); !r)
    return common::Fail(r.error());
  if (auto r = CheckKeyMatches(seal_cert->get(), seal_key->get(), "seal"); !r) {
    return common::Fail(r.error());
  }
  if (auto r = CheckKeyMatches(tsa_cert->get(), tsa_key->get(), "TSA"); !r) {
    return common::Fail(r.error());
  }
  if (auto r = CheckIssuedByCa(seal_cert->get(), ca_cert->get(), "seal"); !r) {
    return common::Fail(r.error());
  }
  if (auto r = CheckIssuedByCa(tsa_cert->get(), ca_cert->get(), "TSA"); !r) {
    return common::Fail(r.error());
  }

  pki.log_public_key_.resize(kEd25519SeedSize);
  std::size_t public_len = pki.log_public_key_.size();
  if (EVP_PKEY_get_raw_public_key(log_key->get(), pki.log_public_key_.data(), &public_len) != 1 ||
      public_len != kEd25519SeedSize) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot derive the Ed25519 public key"));
  }

  pki.ca_cert_ = std::move(*ca_cert);
  pki.ca_key_ = std::move(*ca_key);
  pki.seal_cert_ = std::move(*seal_cert);
  pki.seal_key_ = std::move(*seal_key);
  pki.tsa_cert_ = std::move(*tsa_cert);
  pki.tsa_key_ = std::move(*tsa_key);
  pki.log_key_ = std::move(*log_key);
  pki.ca_cert_pem_ = std::move(*ca_pem);
  pki.seal_cert_pem_ = std::move(*seal_pem);
  pki.seal_key_pem_ = std::move(*seal_key_pem);
  pki.tsa_cert_pem_ = std::move(*tsa_pem);
  pki.tsa_key_pem_ = std::move(*tsa_key_pem);
  return pki;
}

}  // namespace sealpost::adapters::crypto
