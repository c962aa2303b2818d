#include "adapters/identity/oidc_id_token_verifier.hpp"

namespace sealpost::adapters::identity {
namespace {

std::optional<std::int64_t> NumericDate(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  return it->is_number_integer() ? it->get<std::int64_t>()
                                 : static_cast<std::int64_t>(it->get<double>());
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         common::ConstantTimeEquals(
             std::span(reinterpret_cast<const std::uint8_t*>(a.data()), a.size()),
             std::span(reinterpret_cast<const std::uint8_t*>(b.data()), b.size()));
}

}  // namespace

std::unexpected<common::Error> Unverified(std::string detail) {
  return common::Fail(common::ErrorCode::kUnauthenticated, kUnverifiedAnswer, std::move(detail));
}

common::Result<nlohmann::json> VerifySignedJwt(std::string_view token, JwksCache& provider_keys,
                                               const JoseKeySet* client_keys) {
  std::string decrypted;
  const std::size_t parts = CompactPartCount(token);
  if (parts == 5) {
    if (client_keys == nullptr)
      return Unverified("encrypted token but no client decryption key configured");
    auto plaintext = DecryptCompactJwe(token, *client_keys);
    if (!plaintext) return Unverified("JWE: " + plaintext.error().message);
    decrypted = std::move(*plaintext);
    token = decrypted;
    if (CompactPartCount(token) != 3)
      return Unverified("the encrypted token does not contain a signed JWT");
  } else if (parts != 3) {
    return Unverified("not a compact JWT");
  }
  auto header = ParseProtectedHeader(token);
  if (!header) return Unverified("JWS header: " + header.error().message);
  std::string kty;
  if (header->alg == "RS256") {
    kty = "RSA";
  } else if (header->alg == "ES256") {
    kty = "EC";
  } else {
    return Unverified("signature algorithm '" + header->alg + "' is not accepted");
  }
  auto found = provider_keys.FindSigningKey(header->kid, kty);
  if (!found) return Unverified("provider key: " + found.error().message);
  auto payload = VerifyCompactJws(token, *found->key);
  if (!payload) return Unverified("JWS: " + payload.error().message);
  auto claims = nlohmann::json::parse(*payload, nullptr, false);
  if (claims.is_discarded() || !claims.is_object())
    return Unverified("JWT payload is not a JSON object");
  return claims;
}

common::Result<nlohmann::json> VerifyIdToken(std::string_view token,
                                             const IdTokenExpectations& expected,
                                             JwksCache& provider_keys,
                                             const JoseKeySet* client_keys) {
  auto verified = VerifySignedJwt(token, provider_keys, client_keys);
  if (!verified) return verified;
  const nlohmann::json& claims = *verified;
  auto text = [&](const char* name) {
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text("iss") != expected.issuer) return Unverified("ID token iss differs from the issuer");
  if (text("sub").empty()) return Unverified("ID token without sub");
  // aud: a string, or an array that contains us; with several audiences azp must name us.
  const auto aud = claims.find("aud");
  bool audience_ok = false;
  if (aud != claims.end() && aud->is_string()) {
    audience_ok = aud->get<std::string>() == expected.client_id;
  } else if (aud != claims.end() && aud->is_array()) {
    for (const auto& entry : *aud)
      audience_ok = audience_ok || (entry.is_string() && entry == expected.client_id);
    if (audience_ok && aud->size() > 1 && text("azp") != expected.client_id) {
      return Unverified("ID token has several audiences and azp is not the client");
    }
  }
  if (!audience_ok) return Unverified("ID token aud does not contain the client_id");
  if (claims.contains("azp") && text("azp") != expected.client_id)
    return Unverified("ID token azp is not the client");

  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(expected.now.time_since_epoch()).count();
  const auto skew = expected.skew.count();
  const auto exp = NumericDate(claims, "exp");
  const auto iat = NumericDate(claims, "iat");
  if (!exp || !iat) return Unverified("ID token without exp or iat");
  if (*exp <= now - skew) return Unverified("ID token expired");
  if (*iat > now + skew) return Unverified("ID token issued in the future");
  if (const auto nbf = NumericDate(claims, "nbf"); nbf && *nbf > now + skew) {
    return Unverified("ID token not yet valid");
  }
  if (expected.nonce.empty() || !SameSecret(text("nonce"), expected.nonce)) {
    return Unverified("ID token nonce does not match the sign-in");
  }
  if (expected.require_auth_time) {
    const auto auth_time = NumericDate(claims, "auth_time");
    if (!auth_time) return Unverified("ID token without auth_time");
    if (*auth_time > now + skew) return Unverified("ID token auth_time in the future");
  }
  return verified;
}

}  // namespace sealpost::adapters::identity
