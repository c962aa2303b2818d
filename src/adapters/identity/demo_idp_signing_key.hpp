// DemoIdpSigningKey: the RSA key the demo OpenID Provider signs ID tokens with (RS256, via cjose).
// Generated on first start into a PEM file (PKCS#8, mode 0600, written atomically) and reloaded on
// every later start, so that relying parties caching the JWKS keep verifying across restarts — the
// same pattern as the demo PKI. The key id is the RFC 7638 JWK thumbprint, hence stable too.
// Thread-safety: immutable after loading; Sign() and the accessors may be called concurrently
// (signing serialises internally, cjose gives no guarantee for a shared JWK).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.hpp"

struct _cjose_jwk_int;  // cjose_jwk_t, kept out of this header

namespace sealpost::adapters::identity {

class DemoIdpSigningKey final {
 public:
  static constexpr int kRsaBits = 2048;

  // Loads the key from `pem_file`, or generates one there when the file does not exist (creating
  // the parent directory owner-only). A file that is not an RSA key of at least 2048 bits is
  // kFailedPrecondition: it is never silently replaced.
  static common::Result<DemoIdpSigningKey> LoadOrCreate(const std::filesystem::path& pem_file);
  // From an unencrypted PEM private key (tests, tools).
  static common::Result<DemoIdpSigningKey> FromPem(std::string_view pem);

  const std::string& kid() const { return kid_; }
  // The public JWK as JSON: kty, n, e, kid, use "sig", alg "RS256".
  const std::string& public_jwk_json() const { return public_jwk_json_; }

  // A compact RS256 JWS over `payload` with header {alg, kid, typ "JWT"}.
  common::Result<std::string> Sign(std::string_view payload) const;

  DemoIdpSigningKey(DemoIdpSigningKey&&) noexcept = default;
  DemoIdpSigningKey& operator=(DemoIdpSigningKey&&) noexcept = default;
  ~DemoIdpSigningKey();

 private:
  struct JwkDeleter {
    void operator()(_cjose_jwk_int* jwk) const;
  };
  DemoIdpSigningKey() = default;

  std::unique_ptr<_cjose_jwk_int, JwkDeleter> jwk_;
  std::unique_ptr<std::mutex> sign_mutex_ = std::make_unique<std::mutex>();
  std::string kid_;
  std::string public_jwk_json_;
};

// RFC 4648 §5 base64url without padding (JOSE, PKCE).
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace sealpost::adapters::identity
