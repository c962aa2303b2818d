#include "adapters/identity/oidc_client.hpp"

#include "adapters/identity/oidc_http.hpp"
#include "adapters/identity/oidc_id_token_verifier.hpp"
#include "adapters/identity/oidc_pkce.hpp"
#include "adapters/identity/oidc_private_key_jwt.hpp"
#include "domain/belgian_identifiers.hpp"

namespace sealpost::adapters::identity {
namespace {

using common::ErrorCode;
using common::Fail;

std::string Text(const nlohmann::json& object, const std::string& name) {
  const auto it = object.find(name);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  return {};
}

}  // namespace

common::Result<std::unique_ptr<OidcClient>> OidcClient::Create(OidcProviderConfig config,
                                                               const common::Clock& clock,
                                                               common::Random& random) {
  if (auto valid = ValidateConfig(config); !valid) return Fail(valid.error());
  std::optional<JoseKeySet> client_keys;
  if (!config.client_private_jwks.empty()) {
    auto parsed = JoseKeySet::Parse(config.client_private_jwks);
    if (!parsed) {
      return Fail(ErrorCode::kInvalidArgument,
                  "identity provider '" + config.id + "': client_private_jwks is not a JWKS");
    }
    client_keys = std::move(*parsed);
    if (config.client_auth == ClientAuthMethod::kPrivateKeyJwt &&
        client_keys->Find("", "RSA", "sig") == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  "identity provider '" + config.id +
                      "': client_private_jwks needs one RSA key with use \"sig\"");
    }
  }
  return std::unique_ptr<OidcClient>(
      new OidcClient(std::move(config), clock, random, std::move(client_keys)));
}

OidcClient::OidcClient(OidcProviderConfig config, const common::Clock& clock,
                       common::Random& random, std::optional<JoseKeySet> client_keys)
    : config_(std::move(config)),
      clock_(clock),
      random_(random),
      client_keys_(std::move(client_keys)),
      discovery_(config_.issuer, config_.allow_http_issuer, config_.metadata_ttl, clock,
                 [this](const std::string& url) { return HttpGet(url); }),
      jwks_(
          [this]() -> common::Result<std::string> {
            auto metadata = discovery_.Get();
            if (!metadata) return Fail(metadata.error());
            return HttpGet(metadata->jwks_uri);
          },
          clock, config_.metadata_ttl, config_.jwks_min_refetch_interval) {}

common::Result<std::string> OidcClient::HttpGet(const std::string& url) const {
  OidcHttpRequest request;
  request.url = url;
  request.headers = {"Accept: application/json"};
  request.timeout = config_.http_timeout;
  auto response = OidcHttpSend(request);
  if (!response) return Fail(response.error());
  if (response->status != 200) {
    return Fail(ErrorCode::kUnavailable, "identity provider answered HTTP " +
                                             std::to_string(response->status) + " for " + url);
  }
  return std::move(response->body);
}

std::string OidcClient::ClaimsRequest() const {
  if (!config_.request_claims_parameter) return {};
  nlohmann::json wanted = nlohmann::json::object();
  if (!config_.national_number_claim.empty()) {
    wanted[config_.national_number_claim] = config_.national_number_required
                                                ? nlohmann::json{{"essential", true}}
                                                : nlohmann::json(nullptr);
  }
  wanted[config_.given_name_claim] = nullptr;
  wanted[config_.family_name_claim] = nullptr;
  wanted["auth_time"] = nlohmann::json{{"essential", true}};
  nlohmann::json userinfo = wanted;
  userinfo.erase("auth_time");
  return nlohmann::json{{"id_token", wanted}, {"userinfo", userinfo}}.dump();
}

common::Result<app::PendingSignIn> OidcClient::BeginSignIn(const std::string& redirect_uri) {
  if (redirect_uri.empty()) return Fail(ErrorCode::kInvalidArgument, "redirect_uri is empty");
  auto metadata = discovery_.Get();
  if (!metadata) {
    return Fail(ErrorCode::kUnavailable,
                "the identity provider " + config_.display_name + " is not reachable",
                metadata.error().message);
  }
  app::PendingSignIn pending;
  pending.provider_id = config_.id;
  pending.state = common::NewToken(random_, 32);
  pending.nonce = common::NewToken(random_, 32);
  pending.code_verifier = NewPkceVerifier(random_);
  pending.redirect_uri = redirect_uri;
  pending.started_at = clock_.Now();
  std::vector<std::pair<std::string, std::string>> query = {
      {"response_type", "code"},
      {"client_id", config_.client_id},
      {"redirect_uri", redirect_uri},
      {"scope", config_.scopes},
      {"state", pending.state},
      {"nonce", pending.nonce},
      {"code_challenge", PkceS256Challenge(pending.code_verifier)},
      {"code_challenge_method", "S256"},
  };
  if (!config_.acr_values.empty()) query.emplace_back("acr_values", config_.acr_values);
  if (const std::string claims = ClaimsRequest(); !claims.empty())
    query.emplace_back("claims", claims);
  const char separator =
      metadata->authorization_endpoint.find('?') == std::string::npos ? '?' : '&';
  pending.authorization_url = metadata->authorization_endpoint + separator + FormEncode(query);
  return pending;
}

common::Result<nlohmann::json> OidcClient::FetchUserinfo(const OidcProviderMetadata& metadata,
                                                         const std::string& access_token,
                                                         const std::string& subject) {
  if (metadata.userinfo_endpoint.empty())
    return Unverified("the provider has no userinfo endpoint");
  OidcHttpRequest request;
  request.url = metadata.userinfo_endpoint;
  request.headers = {"Authorization: Bearer " + access_token,
                     "Accept: application/json, application/jwt"};
  request.timeout = config_.http_timeout;
  auto response = OidcHttpSend(request);
  if (!response) return Unverified("userinfo: " + response.error().message);
  if (response->status != 200)
    return Unverified("userinfo answered HTTP " + std::to_string(response->status));
  nlohmann::json claims;
  if (response->content_type.starts_with("application/jwt")) {
    auto body = response->body;
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' '))
      body.pop_back();
    auto verified = VerifySignedJwt(body, jwks_, client_keys_ ? &*client_keys_ : nullptr);
    if (!verified) return verified;
    claims = std::move(*verified);
    // A signed userinfo response should name the issuer and us (OpenID Connect Core §5.3.2).
    if (claims.contains("iss") && Text(claims, "iss") != config_.issuer)
      return Unverified("userinfo iss differs");
    if (claims.contains("aud")) {
      const auto& aud = claims["aud"];
      const bool ours =
          (aud.is_string() && aud == config_.client_id) ||
          (aud.is_array() && std::find(aud.begin(), aud.end(), config_.client_id) != aud.end());
      if (!ours) return Unverified("userinfo aud is not the client");
    }
  } else {
    claims = nlohmann::json::parse(response->body, nullptr, false);
    if (claims.is_discarded() || !claims.is_object())
      return Unverified("userinfo is not a JSON object");
  }
  // OpenID Connect Core §5.3.4: the userinfo sub must be the ID token's, or the answer is not ours.
  if (Text(claims, "sub") != subject)
    return Unverified("userinfo sub differs from the ID token sub");
  return claims;
}

common::Result<app::VerifiedIdentity> OidcClient::CompleteSignIn(
    const std::string& code, const app::PendingSignIn& pending) {
  const auto now = clock_.Now();
  if (pending.provider_id != config_.id)
    return Unverified("the pending sign-in belongs to another provider");
  if (code.empty()) return Unverified("no authorization code");
  if (pending.nonce.empty() || pending.code_verifier.empty() || pending.redirect_uri.empty()) {
    return Unverified("incomplete pending sign-in");
  }
  if (now - pending.started_at > config_.max_pending_age ||
      pending.started_at - now > config_.clock_skew) {
    return Fail(ErrorCode::kUnauthenticated, "the sign-in took too long; please start again",
                "pending sign-in too old");
  }
  auto metadata = discovery_.Get();
  if (!metadata) {
    return Fail(ErrorCode::kUnavailable,
                "the identity provider " + config_.display_name + " is not reachable",
                metadata.error().message);
  }

  // Token request (RFC 6749 §4.1.3 + RFC 7636 §4.5).
  std::vector<std::pair<std::string, std::string>> form = {
      {"grant_type", "authorization_code"},
      {"code", code},
      {"redirect_uri", pending.redirect_uri},
      {"code_verifier", pending.code_verifier}};
  OidcHttpRequest request;
  request.url = metadata->token_endpoint;
  request.post = true;
  request.headers = {"Accept: application/json"};
  request.timeout = config_.http_timeout;
  switch (config_.client_auth) {
    case ClientAuthMethod::kPrivateKeyJwt: {
      auto assertion = MakeClientAssertion(config_.client_id, metadata->token_endpoint,
                                           *client_keys_, now, random_);
      if (!assertion)
        return Fail(ErrorCode::kInternal, "client authentication failed",
                    assertion.error().message);
      form.emplace_back("client_id", config_.client_id);
      form.emplace_back("client_assertion_type", kClientAssertionType);
      form.emplace_back("client_assertion", *assertion);
      break;
    }
    case ClientAuthMethod::kClientSecretBasic:
      // RFC 6749 §2.3.1: both parts form-encoded before basic authentication.
      request.basic_user = FormEncode(config_.client_id);
      request.basic_password = FormEncode(config_.client_secret);
      break;
    case ClientAuthMethod::kClientSecretPost:
      form.emplace_back("client_id", config_.client_id);
      form.emplace_back("client_secret", config_.client_secret);
      break;
  }
  request.form_body = FormEncode(form);
  auto response = OidcHttpSend(request);
  if (!response) {
    return Fail(ErrorCode::kUnavailable,
                "the identity provider " + config_.display_name + " is not reachable",
                response.error().message);
  }
  const auto token_json = nlohmann::json::parse(response->body, nullptr, false);
  if (response->status != 200) {
    // The OAuth error code (e.g. invalid_grant for a used or expired code) is safe to log.
    const std::string error = token_json.is_object() ? Text(token_json, "error") : std::string();
    return Fail(ErrorCode::kUnauthenticated,
                "the identity provider refused the sign-in; please start again",
                "token endpoint answered HTTP " + std::to_string(response->status) +
                    (error.empty() ? std::string() : " " + error));
  }
  if (!token_json.is_object()) return Unverified("token response is not a JSON object");
  const std::string id_token = Text(token_json, "id_token");
  const std::string access_token = Text(token_json, "access_token");
  if (id_token.empty()) return Unverified("token response without id_token");

  IdTokenExpectations expected{
      config_.issuer, config_.client_id, pending.nonce, now, config_.clock_skew, true};
  auto claims = VerifyIdToken(id_token, expected, jwks_, client_keys_ ? &*client_keys_ : nullptr);
  if (!claims) return Fail(claims.error());

  app::VerifiedIdentity identity;
  identity.provider_id = config_.id;
  identity.issuer = config_.issuer;
  identity.subject = Text(*claims, "sub");
  identity.acr = Text(*claims, "acr");
  const auto level = LevelForAcr(config_, identity.acr);
  if (!level) return Unverified("unknown acr");
  identity.assurance_level = *level;
  if (LevelRank(*level) < LevelRank(config_.required_level)) {
    return Fail(ErrorCode::kUnauthenticated,
                "your sign-in with " + config_.display_name +
                    " was not strong enough; sealpost requires a level of assurance 'high' login",
                "acr maps to " + *level + ", below the required " + config_.required_level);
  }
  // VerifyIdToken checked that auth_time is a number.
  identity.authentication_time = common::TimePoint(
      std::chrono::seconds(static_cast<std::int64_t>((*claims)["auth_time"].get<double>())));

  nlohmann::json merged = *claims;
  auto missing = [&](const std::string& name) {
    return !name.empty() && Text(merged, name).empty();
  };
  const bool want_userinfo = config_.call_userinfo || missing(config_.national_number_claim) ||
                             missing(config_.given_name_claim) ||
                             missing(config_.family_name_claim);
  if (want_userinfo && !access_token.empty() && !metadata->userinfo_endpoint.empty()) {
    auto userinfo = FetchUserinfo(*metadata, access_token, identity.subject);
    if (!userinfo) return Fail(userinfo.error());
    for (const auto& [name, value] : userinfo->items()) {
      if (name != "iss" && name != "aud" && name != "sub" && missing(name)) merged[name] = value;
    }
  }
  identity.given_names = Text(merged, config_.given_name_claim);
  identity.family_name = Text(merged, config_.family_name_claim);
  identity.email = Text(merged, config_.email_claim);
  const std::string national_number = Text(merged, config_.national_number_claim);
  if (!national_number.empty()) {
    auto parsed = domain::NationalNumber::Parse(national_number);
    if (!parsed) {
      return Fail(ErrorCode::kUnauthenticated,
                  "the identity provider gave a national register number that is not valid",
                  "national number claim fails the check digits");
    }
    identity.national_number = parsed->digits;
  } else if (config_.national_number_required) {
    return Fail(
        ErrorCode::kUnauthenticated,
        "the identity provider did not give your national register number, which sealpost requires",
        "no national number claim '" + config_.national_number_claim + "'");
  }
  return identity;
}

}  // namespace sealpost::adapters::identity
