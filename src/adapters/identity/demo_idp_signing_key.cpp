#include "adapters/identity/demo_idp_signing_key.hpp"

#include <cjose/cjose.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "adapters/crypto/pem.hpp"
#include "adapters/files/atomic_file.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::identity {
namespace {

using common::ErrorCode;
using crypto::BigNumPtr;
using crypto::EvpPkeyPtr;
namespace fs = std::filesystem;

constexpr mode_t kKeyMode = 0600;

// One big-endian RSA parameter; wiped on destruction when it is private.
struct KeyParam {
  std::vector<std::uint8_t> bytes;
  ~KeyParam() {
    if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
  }
};

common::Result<void> GetParam(EVP_PKEY* key, const char* name, KeyParam* out) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    return common::Fail(
        crypto::OpenSslError(ErrorCode::kFailedPrecondition,
                             std::string("the demo IdP key lacks the RSA parameter ") + name));
  }
  BigNumPtr bn(raw);
  out->bytes.resize(static_cast<std::size_t>(BN_num_bytes(bn.get())));
  BN_bn2bin(bn.get(), out->bytes.data());
  return common::Ok();
}

std::string CjoseErrorText(const cjose_err& err) {
  return err.message != nullptr ? err.message : "unknown cjose error";
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  for (char c : common::Base64Encode(common::ToBytes(bytes))) {
    if (c == '+')
      out.push_back('-');
    else if (c == '/')
      out.push_back('_');
    else if (c != '=')
      out.push_back(c);
  }
  return out;
}

void DemoIdpSigningKey::JwkDeleter::operator()(_cjose_jwk_int* jwk) const {
  cjose_jwk_release(jwk);
}

DemoIdpSigningKey::~DemoIdpSigningKey() = default;

common::Result<DemoIdpSigningKey> DemoIdpSigningKey::LoadOrCreate(const fs::path& pem_file) {
  std::error_code ec;
  if (!fs::exists(pem_file, ec)) {
    const fs::path dir = pem_file.parent_path();
    if (!dir.empty() && !fs::exists(dir, ec)) {
      if (!fs::create_directories(dir, ec) || ec) {
        return common::Fail(ErrorCode::kInternal,
                            "cannot create " + dir.string() + ": " + ec.message());
      }
      // The directory holds private keys: only the owner may list it.
      fs::permissions(dir, fs::perms::owner_all, ec);
    }
    EvpPkeyPtr key(EVP_RSA_gen(kRsaBits));
    if (!key) {
      return common::Fail(crypto::OpenSslError(ErrorCode::kInternal, "RSA key generation failed"));
    }
    auto pem = crypto::PrivateKeyToPem(key.get());
    if (!pem) return common::Fail(pem.error());
    auto written = files::WriteFileAtomically(pem_file, *pem, kKeyMode);
    OPENSSL_cleanse(pem->data(), pem->size());
    if (!written) return common::Fail(written.error());
  }
  auto pem = files::ReadWholeFile(pem_file);
  if (!pem) return common::Fail(pem.error());
  auto loaded = FromPem(*pem);
  OPENSSL_cleanse(pem->data(), pem->size());
  if (!loaded) {
    return common::Fail(ErrorCode::kFailedPrecondition,
                        pem_file.string() + ": " + loaded.error().message);
  }
  return loaded;
}

common::Result<DemoIdpSigningKey> DemoIdpSigningKey::FromPem(std::string_view pem) {
  auto key = crypto::PrivateKeyFromPem(pem);
  if (!key) return common::Fail(key.error());
  if (EVP_PKEY_is_a(key->get(), "RSA") != 1 || EVP_PKEY_get_bits(key->get()) < kRsaBits) {
    return common::Fail(ErrorCode::kFailedPrecondition,
                        "the demo IdP key must be an RSA key of at least 2048 bits");
  }
  KeyParam n, e, d, p, q, dp, dq, qi;
  for (auto [name, param] : {std::pair{OSSL_PKEY_PARAM_RSA_N, &n},
                             {OSSL_PKEY_PARAM_RSA_E, &e},
                             {OSSL_PKEY_PARAM_RSA_D, &d},
                             {OSSL_PKEY_PARAM_RSA_FACTOR1, &p},
                             {OSSL_PKEY_PARAM_RSA_FACTOR2, &q},
                             {OSSL_PKEY_PARAM_RSA_EXPONENT1, &dp},
                             {OSSL_PKEY_PARAM_RSA_EXPONENT2, &dq},
                             {OSSL_PKEY_PARAM_RSA_COEFFICIENT1, &qi}}) {
    if (auto got = GetParam(key->get(), name, param); !got) return common::Fail(got.error());
  }
  cjose_jwk_rsa_keyspec spec{};
  spec.n = n.bytes.data();
  spec.nlen = n.bytes.size();
  spec.e = e.bytes.data();
  spec.elen = e.bytes.size();
  spec.d = d.bytes.data();
  spec.dlen = d.bytes.size();
  spec.p = p.bytes.data();
  spec.plen = p.bytes.size();
  spec.q = q.bytes.data();
  spec.qlen = q.bytes.size();
  spec.dp = dp.bytes.data();
  spec.dplen = dp.bytes.size();
  spec.dq = dq.bytes.data();
  spec.dqlen = dq.bytes.size();
  spec.qi = qi.bytes.data();
  spec.qilen = qi.bytes.size();

  DemoIdpSigningKey out;
  cjose_err err{};
  out.jwk_.reset(cjose_jwk_create_RSA_spec(&spec, &err));
  if (!out.jwk_) {
    return common::Fail(ErrorCode::kInternal,
                        "cjose cannot import the RSA key: " + CjoseErrorText(err));
  }

  // RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, no spaces.
  const std::string n64 = Base64UrlEncode(common::ToString(n.bytes));
  const std::string e64 = Base64UrlEncode(common::ToString(e.bytes));
  const std::string canonical = R"({"e":")" + e64 + R"(","kty":"RSA","n":")" + n64 + R"("})";
  const common::Sha256Digest thumbprint = common::Sha256(canonical);
  out.kid_ = Base64UrlEncode(
      std::string_view(reinterpret_cast<const char*>(thumbprint.data()), thumbprint.size()));
  if (!cjose_jwk_set_kid(out.jwk_.get(), out.kid_.data(), out.kid_.size(), &err)) {
    return common::Fail(ErrorCode::kInternal, "cjose cannot set the kid: " + CjoseErrorText(err));
  }
  out.public_jwk_json_ = nlohmann::json{{"kty", "RSA"},    {"use", "sig"}, {"alg", "RS256"},
                                        {"kid", out.kid_}, {"n", n64},     {"e", e64}}
                             .dump();
  return out;
}

common::Result<std::string> DemoIdpSigningKey::Sign(std::string_view payload) const {
  cjose_err err{};
  std::unique_ptr<cjose_header_t, decltype(&cjose_header_release)> header(cjose_header_new(&err),
                                                                          &cjose_header_release);
  if (!header || !cjose_header_set(header.get(), CJOSE_HDR_ALG, CJOSE_HDR_ALG_RS256, &err) ||
      !cjose_header_set(header.get(), CJOSE_HDR_KID, kid_.c_str(), &err) ||
      !cjose_header_set(header.get(), "typ", "JWT", &err)) {
    return common::Fail(ErrorCode::kInternal,
                        "cannot build the JWS header: " + CjoseErrorText(err));
  }
  std::lock_guard lock(*sign_mutex_);
  std::unique_ptr<cjose_jws_t, decltype(&cjose_jws_release)> jws(
      cjose_jws_sign(jwk_.get(), header.get(),
                     reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size(), &err),
      &cjose_jws_release);
  const char* compact = nullptr;
  if (!jws || !cjose_jws_export(jws.get(), &compact, &err) || compact == nullptr) {
    return common::Fail(ErrorCode::kInternal, "cannot sign the ID token: " + CjoseErrorText(err));
  }
  return std::string(compact);
}

}  // namespace sealpost::adapters::identity
