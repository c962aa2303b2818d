#include "adapters/identity/oidc_jose.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cstring>

#include "adapters/crypto/openssl_handles.hpp"

namespace sealpost::adapters::identity {
namespace {

using common::ErrorCode;
using common::Fail;
using crypto::BigNumPtr;
using crypto::EvpCipherCtxPtr;
using crypto::EvpPkeyCtxPtr;
using crypto::EvpPkeyPtr;

struct ParamBldDeleter {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamDeleter {
  void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};

constexpr char kJweFailure[] = "the encrypted token could not be decrypted";

std::vector<std::string_view> SplitCompact(std::string_view compact) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = compact.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(compact.substr(start));
      return parts;
    }
    parts.push_back(compact.substr(start, dot - start));
    start = dot + 1;
  }
}

std::string JsonString(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string CjoseMessage(const cjose_err& err) {
  return err.message != nullptr ? std::string(err.message) : std::string("unknown cjose error");
}

// A private RSA EVP_PKEY from the JWK members (RFC 7518 §6.3), built with OpenSSL 3 params so that
// no deprecated RSA* API is needed.
common::Result<EvpPkeyPtr> RsaPrivateKeyFromJwk(const nlohmann::json& jwk) {
  const char* names[] = {"n", "e", "d", "p", "q", "dp", "dq", "qi"};
  const char* params[] = {OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,
                          OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                          OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                          OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  std::vector<BigNumPtr> numbers;
  if (!bld) return Fail(ErrorCode::kInternal, "out of memory");
  for (std::size_t i = 0; i < std::size(names); ++i) {
    const std::string text = JsonString(jwk, names[i]);
    if (text.empty()) {
      if (i < 3) return Fail(ErrorCode::kInvalidArgument, "RSA JWK without private part");
      continue;  // CRT members are optional
    }
    const auto bytes = JoseBase64UrlDecode(text);
    if (!bytes) return Fail(ErrorCode::kInvalidArgument, "RSA JWK member is not base64url");
    numbers.emplace_back(BN_bin2bn(bytes->data(), static_cast<int>(bytes->size()), nullptr));
    if (!numbers.back() ||
        OSSL_PARAM_BLD_push_BN(bld.get(), params[i], numbers.back().get()) != 1) {
      return Fail(ErrorCode::kInternal, "could not build the RSA key");
    }
  }
  std::unique_ptr<OSSL_PARAM, ParamDeleter> ossl_params(OSSL_PARAM_BLD_to_param(bld.get()));
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ossl_params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, ossl_params.get()) != 1) {
    return Fail(ErrorCode::kInvalidArgument, "invalid RSA JWK");
  }
  return EvpPkeyPtr(key);
}

std::optional<common::Bytes> RsaOaepDecrypt(EVP_PKEY* key, const common::Bytes& wrapped,
                                            const EVP_MD* md) {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), md) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md) != 1) {
    return std::nullopt;
  }
  std::size_t out_len = 0;
  if (EVP_PKEY_decrypt(ctx.get(), nullptr, &out_len, wrapped.data(), wrapped.size()) != 1)
    return std::nullopt;
  common::Bytes out(out_len);
  if (EVP_PKEY_decrypt(ctx.get(), out.data(), &out_len, wrapped.data(), wrapped.size()) != 1)
    return std::nullopt;
  out.resize(out_len);
  return out;
}

std::optional<std::string> AesGcmDecrypt(const common::Bytes& key, const common::Bytes& iv,
                                         const common::Bytes& ct, const common::Bytes& tag,
                                         std::string_view aad) {
  const EVP_CIPHER* cipher = key.size() == 16   ? EVP_aes_128_gcm()
                             : key.size() == 32 ? EVP_aes_256_gcm()
                                                : nullptr;
  if (cipher == nullptr || iv.size() != 12 || tag.size() != 16) return std::nullopt;
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string out(ct.size(), '\0');
  int len = 0;
  int final_len = 0;
  common::Bytes tag_copy = tag;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, key.data(), iv.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, ct.data(),
                        static_cast<int>(ct.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag_copy.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len,
                          &final_len) != 1) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

// RFC 7518 §5.2: MAC then decrypt; the MAC covers AAD || IV || ciphertext || AL.
std::optional<std::string> AesCbcHmacDecrypt(const common::Bytes& key, const common::Bytes& iv,
                                             const common::Bytes& ct, const common::Bytes& tag,
                                             std::string_view aad) {
  const EVP_MD* md = key.size() == 32 ? EVP_sha256() : key.size() == 64 ? EVP_sha512() : nullptr;
  const EVP_CIPHER* cipher = key.size() == 32 ? EVP_aes_128_cbc() : EVP_aes_256_cbc();
  const std::size_t half = key.size() / 2;
  if (md == nullptr || iv.size() != 16 || tag.size() != half) return std::nullopt;
  common::Bytes mac_input(aad.begin(), aad.end());
  mac_input.insert(mac_input.end(), iv.begin(), iv.end());
  mac_input.insert(mac_input.end(), ct.begin(), ct.end());
  const std::uint64_t al = static_cast<std::uint64_t>(aad.size()) * 8;
  for (int shift = 56; shift >= 0; shift -= 8)
    mac_input.push_back(static_cast<std::uint8_t>(al >> shift));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(md, key.data(), static_cast<int>(half), mac_input.data(), mac_input.size(), mac,
           &mac_len) == nullptr ||
      !common::ConstantTimeEquals(std::span(mac, half), tag)) {
    return std::nullopt;
  }
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string out(ct.size() + 16, '\0');
  int len = 0;
  int final_len = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, key.data() + half, iv.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, ct.data(),
                        static_cast<int>(ct.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len,
                          &final_len) != 1) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

}  // namespace

std::string JoseBase64UrlEncode(std::span<const std::uint8_t> bytes) {
  std::string text = common::Base64Encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  std::replace(text.begin(), text.end(), '+', '-');
  std::replace(text.begin(), text.end(), '/', '_');
  return text;
}

std::string JoseBase64UrlEncode(std::string_view text) {
  return JoseBase64UrlEncode(
      std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

std::optional<common::Bytes> JoseBase64UrlDecode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) {
    if (c == '+' || c == '/' || c == '=') return std::nullopt;  // not base64url, or padded
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (standard.size() % 4 == 1) return std::nullopt;
  while (standard.size() % 4 != 0) standard.push_back('=');
  return common::Base64Decode(standard);
}

common::Result<JoseKeySet> JoseKeySet::Parse(std::string_view jwks_json) {
  const auto json = nlohmann::json::parse(jwks_json, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("keys") ||
      !json["keys"].is_array()) {
    return Fail(ErrorCode::kInvalidArgument, "not a JSON Web Key Set");
  }
  JoseKeySet set;
  for (const auto& jwk : json["keys"]) {
    if (!jwk.is_object()) continue;
    JoseKey key;
    key.kid = JsonString(jwk, "kid");
    key.kty = JsonString(jwk, "kty");
    key.use = JsonString(jwk, "use");
    key.alg = JsonString(jwk, "alg");
    key.jwk = jwk;
    const std::string text = jwk.dump();
    cjose_err err{};
    cjose_jwk_t* imported = cjose_jwk_import(text.c_str(), text.size(), &err);
    if (imported == nullptr) continue;  // e.g. OKP keys: not usable by us, not an error for the set
    key.cjose = std::shared_ptr<cjose_jwk_t>(imported, CjoseJwkDeleter{});
    set.keys_.push_back(std::move(key));
  }
  return set;
}

const JoseKey* JoseKeySet::Find(std::string_view kid, std::string_view kty,
                                std::string_view use) const {
  const JoseKey* found = nullptr;
  for (const auto& key : keys_) {
    if (key.kty != kty || (!key.use.empty() && key.use != use)) continue;
    if (!kid.empty() && key.kid != kid) continue;
    if (found != nullptr) return nullptr;  // ambiguous without a kid: refuse rather than guess
    found = &key;
  }
  return found;
}

std::size_t CompactPartCount(std::string_view compact) { return SplitCompact(compact).size(); }

common::Result<JoseHeader> ParseProtectedHeader(std::string_view compact) {
  const auto parts = SplitCompact(compact);
  if (parts.size() != 3 && parts.size() != 5)
    return Fail(ErrorCode::kInvalidArgument, "not a compact JOSE object");
  const auto bytes = JoseBase64UrlDecode(parts[0]);
  if (!bytes) return Fail(ErrorCode::kInvalidArgument, "header is not base64url");
  const auto json = nlohmann::json::parse(bytes->begin(), bytes->end(), nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return Fail(ErrorCode::kInvalidArgument, "header is not JSON");
  return JoseHeader{JsonString(json, "alg"), JsonString(json, "enc"), JsonString(json, "kid"),
                    JsonString(json, "typ"), JsonString(json, "cty")};
}

common::Result<nlohmann::json> UnverifiedPayload(std::string_view compact) {
  const auto parts = SplitCompact(compact);
  if (parts.size() != 3) return Fail(ErrorCode::kInvalidArgument, "not a compact JWS");
  const auto bytes = JoseBase64UrlDecode(parts[1]);
  if (!bytes) return Fail(ErrorCode::kInvalidArgument, "payload is not base64url");
  auto json = nlohmann::json::parse(bytes->begin(), bytes->end(), nullptr, false);
  if (json.is_discarded()) return Fail(ErrorCode::kInvalidArgument, "payload is not JSON");
  return json;
}

common::Result<std::string> VerifyCompactJws(std::string_view compact, const JoseKey& key) {
  auto header = ParseProtectedHeader(compact);
  if (!header) return Fail(header.error());
  if (CompactPartCount(compact) != 3) return Fail(ErrorCode::kInvalidArgument, "not a compact JWS");
  // Only asymmetric algorithms we expect from a provider: "none" and HS* (key confusion) are
  // refused.
  const bool rs256 = header->alg == "RS256" && key.kty == "RSA";
  const bool es256 = header->alg == "ES256" && key.kty == "EC";
  if (!rs256 && !es256) {
    return Fail(ErrorCode::kInvalidArgument,
                "signature algorithm '" + header->alg + "' is not accepted");
  }
  if (!key.alg.empty() && key.alg != header->alg) {
    return Fail(ErrorCode::kInvalidArgument, "the key is not for this algorithm");
  }
  cjose_err err{};
  CjoseJwsPtr jws(cjose_jws_import(compact.data(), compact.size(), &err));
  if (!jws) return Fail(ErrorCode::kInvalidArgument, "malformed JWS: " + CjoseMessage(err));
  if (!key.cjose || !cjose_jws_verify(jws.get(), key.cjose.get(), &err)) {
    return Fail(ErrorCode::kInvalidArgument, "signature does not verify");
  }
  uint8_t* plaintext = nullptr;
  std::size_t plaintext_len = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &plaintext, &plaintext_len, &err)) {
    return Fail(ErrorCode::kInvalidArgument, "JWS without payload");
  }
  // The plaintext belongs to the jws object: copy it before jws is released.
  return std::string(reinterpret_cast<const char*>(plaintext), plaintext_len);
}

common::Result<std::string> DecryptCompactJwe(std::string_view compact, const JoseKeySet& keys) {
  const auto parts = SplitCompact(compact);
  if (parts.size() != 5) return Fail(ErrorCode::kInvalidArgument, "not a compact JWE");
  auto header = ParseProtectedHeader(compact);
  if (!header) return Fail(header.error());
  const EVP_MD* oaep_md = header->alg == "RSA-OAEP-256" ? EVP_sha256()
                          : header->alg == "RSA-OAEP"   ? EVP_sha1()
                                                        : nullptr;
  if (oaep_md == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                "key management algorithm '" + header->alg + "' is not supported");
  }
  std::size_t cek_size = 0;
  bool gcm = false;
  if (header->enc == "A128GCM") {
    cek_size = 16, gcm = true;
  } else if (header->enc == "A256GCM") {
    cek_size = 32, gcm = true;
  } else if (header->enc == "A128CBC-HS256") {
    cek_size = 32;
  } else if (header->enc == "A256CBC-HS512") {
    cek_size = 64;
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                "content encryption '" + header->enc + "' is not supported");
  }
  const JoseKey* key = keys.Find(header->kid, "RSA", "enc");
  if (key == nullptr) return Fail(ErrorCode::kInvalidArgument, "no decryption key for this token");
  auto private_key = RsaPrivateKeyFromJwk(key->jwk);
  if (!private_key) return Fail(private_key.error());
  const auto wrapped = JoseBase64UrlDecode(parts[1]);
  const auto iv = JoseBase64UrlDecode(parts[2]);
  const auto ct = JoseBase64UrlDecode(parts[3]);
  const auto tag = JoseBase64UrlDecode(parts[4]);
  if (!wrapped || !iv || !ct || !tag) return Fail(ErrorCode::kInvalidArgument, kJweFailure);
  auto cek = RsaOaepDecrypt(private_key->get(), *wrapped, oaep_md);
  if (!cek || cek->size() != cek_size) return Fail(ErrorCode::kInvalidArgument, kJweFailure);
  // The AAD is the ASCII of the encoded protected header as received (RFC 7516 §5.2 step 14).
  const auto plaintext = gcm ? AesGcmDecrypt(*cek, *iv, *ct, *tag, parts[0])
                             : AesCbcHmacDecrypt(*cek, *iv, *ct, *tag, parts[0]);
  OPENSSL_cleanse(cek->data(), cek->size());
  if (!plaintext) return Fail(ErrorCode::kInvalidArgument, kJweFailure);
  return *plaintext;
}

common::Result<std::string> SignCompactJws(const nlohmann::json& payload, const JoseKey& key,
                                           std::string_view alg) {
  if (!key.cjose) return Fail(ErrorCode::kInvalidArgument, "unusable signing key");
  if (!(alg == "RS256" && key.kty == "RSA") && !(alg == "ES256" && key.kty == "EC")) {
    return Fail(ErrorCode::kInvalidArgument, "unsupported signing algorithm");
  }
  cjose_err err{};
  CjoseHeaderPtr header(cjose_header_new(&err));
  const std::string alg_text(alg);
  if (!header || !cjose_header_set(header.get(), CJOSE_HDR_ALG, alg_text.c_str(), &err) ||
      !cjose_header_set(header.get(), "typ", "JWT", &err) ||
      (!key.kid.empty() && !cjose_header_set(header.get(), CJOSE_HDR_KID, key.kid.c_str(), &err))) {
    return Fail(ErrorCode::kInternal, "could not build the JWS header: " + CjoseMessage(err));
  }
  const std::string body = payload.dump();
  CjoseJwsPtr jws(cjose_jws_sign(key.cjose.get(), header.get(),
                                 reinterpret_cast<const uint8_t*>(body.data()), body.size(), &err));
  const char* compact = nullptr;
  if (!jws || !cjose_jws_export(jws.get(), &compact, &err)) {
    return Fail(ErrorCode::kInternal, "could not sign: " + CjoseMessage(err));
  }
  return std::string(compact);
}

}  // namespace sealpost::adapters::identity
