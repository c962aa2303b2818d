// JOSE building blocks for the OpenID Connect relying party: base64url, owning handles for cjose
// objects, JSON Web Key sets, compact JWS verification (cjose; RS256 and ES256 only) and compact
// JWE decryption. JWE is done with OpenSSL, not cjose: libcjose 0.6 knows RSA-OAEP but not
// RSA-OAEP-256, which itsme uses. Supported: alg RSA-OAEP-256 / RSA-OAEP, enc A128GCM / A256GCM /
// A128CBC-HS256 / A256CBC-HS512. Thread-safety: free functions are thread-safe; a JoseKeySet is
// immutable after Parse and may be shared between threads (cjose keys are only read).
#pragma once

#include <cjose/cjose.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::identity {

std::string JoseBase64UrlEncode(std::span<const std::uint8_t> bytes);
std::string JoseBase64UrlEncode(std::string_view text);
// Unpadded base64url (RFC 7515 §2); std::nullopt for anything else.
std::optional<common::Bytes> JoseBase64UrlDecode(std::string_view text);

struct CjoseJwkDeleter {
  void operator()(cjose_jwk_t* jwk) const { cjose_jwk_release(jwk); }
};
using CjoseJwkPtr = std::unique_ptr<cjose_jwk_t, CjoseJwkDeleter>;
struct CjoseJwsDeleter {
  void operator()(cjose_jws_t* jws) const { cjose_jws_release(jws); }
};
using CjoseJwsPtr = std::unique_ptr<cjose_jws_t, CjoseJwsDeleter>;
struct CjoseHeaderDeleter {
  void operator()(cjose_header_t* header) const { cjose_header_release(header); }
};
using CjoseHeaderPtr = std::unique_ptr<cjose_header_t, CjoseHeaderDeleter>;

// One key of a JWKS, with the members needed to select it.
struct JoseKey {
  std::string kid;
  std::string kty;  // "RSA", "EC", ...
  std::string use;  // "sig", "enc" or empty
  std::string alg;  // may be empty
  nlohmann::json jwk;
  std::shared_ptr<cjose_jwk_t> cjose;  // null for key types cjose cannot import (they are skipped)
};

class JoseKeySet {
 public:
  // kInvalidArgument when `jwks_json` is not a JWKS ({"keys":[...]}).
  static common::Result<JoseKeySet> Parse(std::string_view jwks_json);
  // The key with this kid (or, when kid is empty, the only key) of type `kty` usable for `use`
  // (a key without `use` is usable for both). nullptr when there is none or the choice is
  // ambiguous.
  const JoseKey* Find(std::string_view kid, std::string_view kty, std::string_view use) const;
  const std::vector<JoseKey>& Keys() const { return keys_; }

 private:
  std::vector<JoseKey> keys_;
};

struct JoseHeader {
  std::string alg;
  std::string enc;
  std::string kid;
  std::string typ;
  std::string cty;
};

// Number of dot-separated parts of a compact serialization (3 = JWS, 5 = JWE).
std::size_t CompactPartCount(std::string_view compact);
// The decoded protected header of a compact JWS or JWE.
common::Result<JoseHeader> ParseProtectedHeader(std::string_view compact);
// The payload of a compact JWS, NOT verified (for tests and diagnostics only).
common::Result<nlohmann::json> UnverifiedPayload(std::string_view compact);

// Verifies a compact JWS with `key` (RS256 or ES256 as stated by the header; anything else is
// refused before any cryptography) and returns its payload bytes.
common::Result<std::string> VerifyCompactJws(std::string_view compact, const JoseKey& key);

// Decrypts a compact JWE with a private RSA key from `keys` (selected by the header's kid, use enc)
// and returns the plaintext. Every failure gives the same message (no padding/MAC oracle).
common::Result<std::string> DecryptCompactJwe(std::string_view compact, const JoseKeySet& keys);

// Signs `payload` as a compact JWS with `alg` ("RS256" or "ES256"); the header carries the key's
// kid.
common::Result<std::string> SignCompactJws(const nlohmann::json& payload, const JoseKey& key,
                                           std::string_view alg);

}  // namespace sealpost::adapters::identity
