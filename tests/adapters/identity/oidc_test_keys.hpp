// Test helpers for the OIDC relying-party tests: RSA/EC JWKs generated with cjose (OpenSSL inside).
#pragma once

#include <cjose/cjose.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace sealpost::adapters::identity::testkeys {

// A fresh private JWK ("RSA" 2048 or "EC" P-256) with kid/use/alg set.
inline nlohmann::json NewPrivateJwk(const std::string& kty, const std::string& kid,
                                    const std::string& use, const std::string& alg) {
  cjose_err err{};
  static const uint8_t kE[] = {0x01, 0x00, 0x01};
  cjose_jwk_t* jwk = kty == "RSA" ? cjose_jwk_create_RSA_random(2048, kE, sizeof kE, &err)
                                  : cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
  if (jwk == nullptr) throw std::runtime_error("cjose key generation failed");
  char* text = cjose_jwk_to_json(jwk, true, &err);
  cjose_jwk_release(jwk);
  nlohmann::json out = nlohmann::json::parse(text);
  free(text);
  out["kid"] = kid;
  out["use"] = use;
  out["alg"] = alg;
  return out;
}

// The public part of a private JWK.
inline nlohmann::json PublicJwk(nlohmann::json jwk) {
  for (const char* member : {"d", "p", "q", "dp", "dq", "qi"}) jwk.erase(member);
  return jwk;
}

inline std::string Jwks(std::initializer_list<nlohmann::json> keys) {
  return nlohmann::json{{"keys", nlohmann::json(keys)}}.dump();
}

}  // namespace sealpost::adapters::identity::testkeys
