#include "adapters/identity/demo_idp.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "common/bytes.hpp"
#include "common/html.hpp"
#include "common/sha256.hpp"
#include "domain/belgian_identifiers.hpp"

namespace sealpost::adapters::identity {
namespace {

using app::DemoIdpParams;
using app::DemoIdpResponse;
using common::ErrorCode;
using nlohmann::json;

constexpr std::string_view kDemoBanner = "DEMO identity provider — not a real identification";
constexpr std::size_t kCodeBytes = 32;  // 256 bits (≥ 128 required)
constexpr std::size_t kTokenBytes = 32;
// state and nonce are echoed into URLs and tokens: bound them.
constexpr std::size_t kMaxEchoedParam = 1024;

std::string DigestHex(std::string_view secret) { return common::HexEncode(common::Sha256(secret)); }

// Equal-length digests first, so that neither the content nor the length of the secret leaks
// through the comparison time.
bool SecretEquals(std::string_view a, std::string_view b) {
  const common::Sha256Digest da = common::Sha256(a);
  const common::Sha256Digest db = common::Sha256(b);
  return common::ConstantTimeEquals(da, db);
}

long long EpochSeconds(common::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    if (IsUnreserved(c)) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding, as RFC 6749 §2.3.1 prescribes for the two halves of
// HTTP Basic client credentials.
std::optional<std::string> FormDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

using common::HtmlEscape;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// "<scheme> <credentials>" with a case-insensitive scheme, or nullopt.
std::optional<std::string_view> AuthCredentials(std::optional<std::string_view> header,
                                                std::string_view scheme) {
  if (!header) return std::nullopt;
  std::string_view value = *header;
  if (value.size() <= scheme.size() || value[scheme.size()] != ' ' ||
      !EqualsIgnoreCase(value.substr(0, scheme.size()), scheme)) {
    return std::nullopt;
  }
  value.remove_prefix(scheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  return value;
}

// One protocol parameter. RFC 6749 §3.1: parameters must not be repeated, so a repeated one is an
// error of its own rather than "first wins".
struct Param {
  std::optional<std::string> value;
  bool repeated = false;
  bool present() const { return value.has_value() && !value->empty(); }
};

Param Lookup(const DemoIdpParams& params, std::string_view name) {
  Param out;
  for (const auto& [key, value] : params) {
    if (key != name) continue;
    if (out.value) out.repeated = true;
    out.value = value;
  }
  return out;
}

bool HasScope(std::string_view scope, std::string_view wanted) {
  while (!scope.empty()) {
    const std::size_t space = scope.find(' ');
    if (scope.substr(0, space) == wanted) return true;
    scope = space == std::string_view::npos ? std::string_view{} : scope.substr(space + 1);
  }
  return false;
}

// RFC 7636 §4.2: BASE64URL(SHA-256(verifier)) is always 43 characters.
bool IsS256Challenge(std::string_view challenge) {
  if (challenge.size() != 43) return false;
  for (char c : challenge) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// RFC 7636 §4.1: 43 to 128 unreserved characters.
bool IsCodeVerifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (char c : verifier) {
    if (!IsUnreserved(c)) return false;
  }
  return true;
}

std::string S256(std::string_view verifier) {
  const common::Sha256Digest digest = common::Sha256(verifier);
  return Base64UrlEncode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

void NoStore(DemoIdpResponse* response) {
  response->headers.emplace_back("Cache-Control", "no-store");
  response->headers.emplace_back("Pragma", "no-cache");
}

DemoIdpResponse JsonResponse(int status, const json& body) {
  DemoIdpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body.dump();
  NoStore(&response);
  return response;
}

// RFC 6749 §5.2 error body.
DemoIdpResponse OAuthError(int status, std::string_view error, std::string_view description) {
  return JsonResponse(status, json{{"error", error}, {"error_description", description}});
}

// RFC 6749 §5.2: a 401 names the authentication scheme the client should use.
DemoIdpResponse InvalidClient(std::string_view description) {
  DemoIdpResponse response = OAuthError(401, "invalid_client", description);
  response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"sealpost demo IdP\"");
  return response;
}

std::string PageHead(std::string_view title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"robots\" content=\"noindex\"><title>" +
         HtmlEscape(title) +
         " — DEMO</title><style>"
         "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}"
         ".demo{background:#b00020;color:#fff;font-weight:bold;padding:.75rem 1rem;"
         "border:4px dashed #fff;outline:4px solid #b00020;text-align:center}"
         "button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem;"
         "text-align:left;cursor:pointer}"
         "button.cancel{text-align:center;background:#eee}small{color:#555}"
         "</style></head><body><p class=\"demo\" role=\"alert\">" +
         std::string(kDemoBanner) + "</p>";
}

DemoIdpResponse HtmlPage(int status, std::string body) {
  DemoIdpResponse response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  NoStore(&response);
  // A sign-in page: never framed (click-jacking), no scripts, no referrer leaking the request.
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "frame-ancestors 'none'; base-uri 'none'");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  return response;
}

// Shown instead of redirecting when the redirect target cannot be trusted (RFC 6749 §4.1.2.1).
DemoIdpResponse ErrorPage(int status, std::string_view message) {
  return HtmlPage(status, PageHead("Sign-in error") + "<h1>Sign-in error</h1><p>" +
                              HtmlEscape(message) +
                              "</p><p>Go back to the application and start again.</p>"
                              "</body></html>\n");
}

std::string TrimTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string BuildDiscovery(const std::string& issuer) {
  return json{
      {"issuer", issuer},
      {"authorization_endpoint", issuer + "/authorize"},
      {"token_endpoint", issuer + "/token"},
      {"userinfo_endpoint", issuer + "/userinfo"},
      {"jwks_uri", issuer + "/jwks"},
      {"response_types_supported", {"code"}},
      {"response_modes_supported", {"query"}},
      {"grant_types_supported", {"authorization_code"}},
      {"subject_types_supported", {"public"}},
      {"id_token_signing_alg_values_supported", {"RS256"}},
      {"code_challenge_methods_supported", {"S256"}},
      {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
      {"scopes_supported", {"openid", "profile", "email", "eid"}},
      {"acr_values_supported", {DemoIdentityProvider::kAcrHigh}},
      {"claims_supported",
       {"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "name", "given_name",
        "family_name", "email", "email_verified", "locale",
        DemoIdentityProvider::kNationalNumberClaim}},
      {"claims_parameter_supported", false},
      {"request_parameter_supported", false},
      {"request_uri_parameter_supported", false},
      {"authorization_response_iss_parameter_supported", true},
  }
      .dump();
}

}  // namespace

common::Result<std::unique_ptr<DemoIdentityProvider>> DemoIdentityProvider::Create(
    DemoIdpConfig config, const common::Clock& clock, common::Random& random) {
  if (config.key_file.empty()) {
    return common::Fail(ErrorCode::kInvalidArgument, "demo IdP: no signing key file configured");
  }
  auto key = DemoIdpSigningKey::LoadOrCreate(config.key_file);
  if (!key) return common::Fail(key.error());
  return Create(std::move(config), std::move(*key), clock, random);
}

common::Result<std::unique_ptr<DemoIdentityProvider>> DemoIdentityProvider::Create(
    DemoIdpConfig config, DemoIdpSigningKey key, const common::Clock& clock,
    common::Random& random) {
  if (config.public_base_url.empty() || config.client_id.empty() || config.client_secret.empty() ||
      config.redirect_uri.empty()) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "demo IdP: public_base_url, client_id, client_secret and redirect_uri "
                        "are required");
  }
  if (config.redirect_uri.find('#') != std::string::npos) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "demo IdP: the redirect_uri must not contain a fragment");
  }
  return std::unique_ptr<DemoIdentityProvider>(
      new DemoIdentityProvider(std::move(config), std::move(key), clock, random));
}

DemoIdentityProvider::DemoIdentityProvider(DemoIdpConfig config, DemoIdpSigningKey key,
                                           const common::Clock& clock, common::Random& random)
    : config_(std::move(config)),
      key_(std::move(key)),
      clock_(clock),
      random_(random),
      issuer_(TrimTrailingSlash(config_.public_base_url) + std::string(kMountPath)),
      discovery_json_(BuildDiscovery(issuer_)),
      jwks_json_("{\"keys\":[" + key_.public_jwk_json() + "]}") {}

DemoIdpResponse DemoIdentityProvider::Discovery() const {
  DemoIdpResponse response;
  response.content_type = "application/json";
  response.body = discovery_json_;
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

DemoIdpResponse DemoIdentityProvider::Jwks() const {
  DemoIdpResponse response;
  response.content_type = "application/jwk-set+json";
  response.body = jwks_json_;
  response.headers.emplace_back("Cache-Control", "no-cache");
  return response;
}

DemoIdpResponse DemoIdentityProvider::RedirectWithError(const std::string& state,
                                                        std::string_view error,
                                                        std::string_view description) const {
  std::string location = config_.redirect_uri;
  location += config_.redirect_uri.find('?') == std::string::npos ? '?' : '&';
  location += "error=" + PercentEncode(error) + "&error_description=" + PercentEncode(description);
  if (!state.empty()) location += "&state=" + PercentEncode(state);
  location += "&iss=" + PercentEncode(issuer_);
  DemoIdpResponse response;
  response.status = 302;
  response.headers.emplace_back("Location", std::move(location));
  NoStore(&response);
  return response;
}

DemoIdpResponse DemoIdentityProvider::AuthorizePage(const DemoIdpParams& query) {
  // Until client_id and redirect_uri are known good, nothing may be sent to the redirect_uri: an
  // open redirector would hand codes or errors to an attacker (RFC 6749 §4.1.2.1).
  const Param client_id = Lookup(query, "client_id");
  const Param redirect_uri = Lookup(query, "redirect_uri");
  if (client_id.repeated || redirect_uri.repeated) {
    return ErrorPage(400, "The sign-in request repeats client_id or redirect_uri.");
  }
  if (!client_id.present() || !SecretEquals(*client_id.value, config_.client_id)) {
    return ErrorPage(400, "The sign-in request names an unknown application (client_id).");
  }
  if (!redirect_uri.present() || *redirect_uri.value != config_.redirect_uri) {
    return ErrorPage(400,
                     "The sign-in request's redirect_uri is not the one registered for this "
                     "application.");
  }

  const Param state = Lookup(query, "state");
  const std::string state_value = state.value.value_or("");
  for (const char* name : {"response_type", "scope", "state", "nonce", "code_challenge",
                           "code_challenge_method", "prompt", "acr_values"}) {
    if (Lookup(query, name).repeated) {
      return RedirectWithError(state.repeated ? "" : state_value, "invalid_request",
                               std::string("repeated parameter ") + name);
    }
  }
  if (state_value.size() > kMaxEchoedParam ||
      Lookup(query, "nonce").value.value_or("").size() > kMaxEchoedParam) {
    return RedirectWithError("", "invalid_request", "state or nonce is too long");
  }
  if (Lookup(query, "request").value || Lookup(query, "request_uri").value) {
    return RedirectWithError(
        state_value,
        Lookup(query, "request").value ? "request_not_supported" : "request_uri_not_supported",
        "request objects are not supported");
  }
  const Param response_type = Lookup(query, "response_type");
  if (!response_type.present()) {
    return RedirectWithError(state_value, "invalid_request", "response_type is required");
  }
  if (*response_type.value != "code") {
    return RedirectWithError(state_value, "unsupported_response_type",
                             "only response_type=code is supported");
  }
  const Param scope = Lookup(query, "scope");
  if (!scope.present() || !HasScope(*scope.value, "openid")) {
    return RedirectWithError(state_value, "invalid_scope", "the scope must contain openid");
  }
  const Param challenge = Lookup(query, "code_challenge");
  const Param method = Lookup(query, "code_challenge_method");
  if (!challenge.present()) {
    return RedirectWithError(state_value, "invalid_request", "PKCE code_challenge is required");
  }
  if (!method.present() || *method.value != "S256") {
    return RedirectWithError(state_value, "invalid_request", "code_challenge_method must be S256");
  }
  if (!IsS256Challenge(*challenge.value)) {
    return RedirectWithError(state_value, "invalid_request", "malformed code_challenge");
  }
  if (const Param prompt = Lookup(query, "prompt");
      prompt.present() && HasScope(*prompt.value, "none")) {
    return RedirectWithError(state_value, "login_required",
                             "the demo provider always asks which citizen signs in");
  }

  const std::string handle = common::NewToken(random_, kTokenBytes);
  const std::string csrf = common::NewToken(random_, kTokenBytes);
  {
    std::lock_guard lock(mutex_);
    const common::TimePoint now = clock_.Now();
    PurgeExpired(now);
    if (requests_.size() >= kMaxPending) {
      return RedirectWithError(state_value, "temporarily_unavailable",
                               "too many pending sign-in requests");
    }
    requests_[handle] =
        PendingRequest{DigestHex(csrf), state_value, Lookup(query, "nonce").value.value_or(""),
                       *challenge.value, now + kRequestLifetime};
  }

  std::string page = PageHead("Choose a test citizen");
  page +=
      "<h1>Choose a test citizen</h1><p>This is the built-in <strong>demo</strong> identity "
      "provider of sealpost. Nobody is identified: pick one of the fixed test citizens to "
      "sign in as.</p><form method=\"post\" action=\"" +
      HtmlEscape(issuer_ + "/authorize") + "\">";
  page += "<input type=\"hidden\" name=\"request\" value=\"" + HtmlEscape(handle) + "\">";
  page += "<input type=\"hidden\" name=\"csrf\" value=\"" + HtmlEscape(csrf) + "\">";
  for (const DemoCitizen& citizen : DemoCitizens()) {
    page += "<button type=\"submit\" name=\"citizen\" value=\"" + HtmlEscape(citizen.subject) +
            "\">" + HtmlEscape(citizen.given_name) + " " + HtmlEscape(citizen.family_name) +
            "<br><small>" +
            HtmlEscape(domain::NationalNumber{citizen.national_number}.Formatted()) + " · " +
            HtmlEscape(citizen.locale) + " · " + HtmlEscape(citizen.email) + "</small></button>";
  }
  page +=
      "<button type=\"submit\" class=\"cancel\" name=\"cancel\" value=\"1\">Cancel</button>"
      "</form></body></html>\n";
  return HtmlPage(200, std::move(page));
}

DemoIdpResponse DemoIdentityProvider::Authorize(const DemoIdpParams& form) {
  const Param handle = Lookup(form, "request");
  const Param csrf = Lookup(form, "csrf");
  if (!handle.present() || handle.repeated || !csrf.present() || csrf.repeated) {
    return ErrorPage(400, "The form is incomplete.");
  }
  PendingRequest request;
  {
    std::lock_guard lock(mutex_);
    PurgeExpired(clock_.Now());
    auto it = requests_.find(*handle.value);
    if (it == requests_.end()) {
      return ErrorPage(400, "This sign-in request is unknown, was already used or has expired.");
    }
    // Single use whatever happens next: a replayed or forged form finds nothing.
    request = std::move(it->second);
    requests_.erase(it);
  }
  if (!common::ConstantTimeEquals(common::ToBytes(DigestHex(*csrf.value)),
                                  common::ToBytes(request.csrf_digest))) {
    return ErrorPage(403, "The form does not belong to this sign-in request.");
  }
  if (Lookup(form, "cancel").value) {
    return RedirectWithError(request.state, "access_denied", "the tester cancelled the sign-in");
  }
  const Param chosen = Lookup(form, "citizen");
  const auto& citizens = DemoCitizens();
  std::size_t index = citizens.size();
  for (std::size_t i = 0; chosen.present() && !chosen.repeated && i < citizens.size(); ++i) {
    if (citizens[i].subject == *chosen.value) index = i;
  }
  if (index == citizens.size()) {
    return RedirectWithError(request.state, "access_denied", "no test citizen was chosen");
  }

  const std::string code = common::NewToken(random_, kCodeBytes);
  {
    std::lock_guard lock(mutex_);
    const common::TimePoint now = clock_.Now();
    PurgeExpired(now);
    if (codes_.size() >= kMaxPending) {
      return RedirectWithError(request.state, "temporarily_unavailable", "too many pending codes");
    }
    IssuedCode issued;
    issued.nonce = std::move(request.nonce);
    issued.code_challenge = std::move(request.code_challenge);
    issued.citizen = index;
    issued.auth_time = now;
    issued.expires_at = now + kCodeLifetime;
    codes_[DigestHex(code)] = std::move(issued);
  }
  std::string location = config_.redirect_uri;
  location += config_.redirect_uri.find('?') == std::string::npos ? '?' : '&';
  location += "code=" + PercentEncode(code);
  if (!request.state.empty()) location += "&state=" + PercentEncode(request.state);
  location += "&iss=" + PercentEncode(issuer_);
  DemoIdpResponse response;
  response.status = 302;
  response.headers.emplace_back("Location", std::move(location));
  NoStore(&response);
  return response;
}

DemoIdpResponse DemoIdentityProvider::Token(const DemoIdpParams& form,
                                            std::optional<std::string_view> authorization) {
  // Client authentication (RFC 6749 §2.3.1): exactly one of client_secret_basic and
  // client_secret_post.
  const Param form_client_id = Lookup(form, "client_id");
  const Param form_secret = Lookup(form, "client_secret");
  if (form_client_id.repeated || form_secret.repeated) {
    return OAuthError(400, "invalid_request", "repeated client credentials");
  }
  std::string client_id;
  std::string client_secret;
  if (authorization) {
    const auto basic = AuthCredentials(authorization, "Basic");
    if (!basic) return InvalidClient("unsupported client authentication");
    if (form_secret.value) {
      return OAuthError(400, "invalid_request", "more than one client authentication method");
    }
    const auto decoded = common::Base64Decode(*basic);
    const std::string pair = decoded ? common::ToString(*decoded) : std::string();
    const std::size_t colon = pair.find(':');
    std::optional<std::string> id =
        colon == std::string::npos ? std::nullopt : FormDecode(pair.substr(0, colon));
    std::optional<std::string> secret =
        colon == std::string::npos ? std::nullopt : FormDecode(pair.substr(colon + 1));
    if (!id || !secret) return InvalidClient("malformed Basic credentials");
    if (form_client_id.value && *form_client_id.value != *id) {
      return OAuthError(400, "invalid_request", "client_id differs from the authenticated client");
    }
    client_id = std::move(*id);
    client_secret = std::move(*secret);
  } else {
    if (!form_client_id.present() || !form_secret.value) {
      return InvalidClient("client authentication is required");
    }
    client_id = *form_client_id.value;
    client_secret = *form_secret.value;
  }
  // Both compared in full (no short-circuit) so that timing tells nothing about which was wrong.
  const bool id_ok = SecretEquals(client_id, config_.client_id);
  const bool secret_ok = SecretEquals(client_secret, config_.client_secret);
  if (!(id_ok & secret_ok)) return InvalidClient("client authentication failed");

  for (const char* name : {"grant_type", "code", "redirect_uri", "code_verifier"}) {
    if (Lookup(form, name).repeated) {
      return OAuthError(400, "invalid_request", std::string("repeated parameter ") + name);
    }
  }
  const Param grant_type = Lookup(form, "grant_type");
  if (!grant_type.present()) return OAuthError(400, "invalid_request", "grant_type is required");
  if (*grant_type.value != "authorization_code") {
    return OAuthError(400, "unsupported_grant_type", "only authorization_code is supported");
  }
  const Param code = Lookup(form, "code");
  if (!code.present()) return OAuthError(400, "invalid_request", "code is required");
  const Param redirect_uri = Lookup(form, "redirect_uri");
  const Param verifier = Lookup(form, "code_verifier");

  const std::string access_token = common::NewToken(random_, kTokenBytes);
  IssuedCode granted;
  common::TimePoint now;
  {
    std::lock_guard lock(mutex_);
    now = clock_.Now();
    PurgeExpired(now);
    auto it = codes_.find(DigestHex(*code.value));
    if (it == codes_.end()) {
      return OAuthError(400, "invalid_grant", "the code is unknown, expired or already used");
    }
    if (it->second.redeemed) {
      // A replayed code means it leaked: revoke what it bought (RFC 6749 §4.1.2).
      access_tokens_.erase(it->second.access_token_digest);
      codes_.erase(it);
      return OAuthError(400, "invalid_grant", "the code is unknown, expired or already used");
    }
    // Consumed by this attempt whatever follows, so that retries cannot guess a verifier.
    it->second.redeemed = true;
    if (!redirect_uri.present() || *redirect_uri.value != config_.redirect_uri) {
      return OAuthError(400, "invalid_grant", "redirect_uri does not match the authorization");
    }
    if (!verifier.present() || !IsCodeVerifier(*verifier.value) ||
        !SecretEquals(S256(*verifier.value), it->second.code_challenge)) {
      return OAuthError(400, "invalid_grant", "the PKCE code_verifier does not match");
    }
    it->second.access_token_digest = DigestHex(access_token);
    access_tokens_[it->second.access_token_digest] =
        AccessToken{it->second.citizen, now + kAccessTokenLifetime};
    granted = it->second;
  }

  // Signing (milliseconds of RSA) happens outside the lock.
  const DemoCitizen& citizen = DemoCitizens()[granted.citizen];
  json claims = json::parse(ClaimsJson(citizen));
  claims["iss"] = issuer_;
  claims["aud"] = config_.client_id;
  claims["iat"] = EpochSeconds(now);
  claims["exp"] = EpochSeconds(now + kIdTokenLifetime);
  claims["auth_time"] = EpochSeconds(granted.auth_time);
  if (!granted.nonce.empty()) claims["nonce"] = granted.nonce;
  claims["acr"] = kAcrHigh;
  claims["amr"] = json::array({"demo"});
  claims["at_hash"] = [&access_token] {
    // OIDC Core §3.3.2.11: left half of SHA-256 of the access token, base64url.
    const common::Sha256Digest digest = common::Sha256(access_token);
    return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), 16));
  }();
  // `nonce` is the client's text: never let a stray invalid UTF-8 byte throw out of here.
  auto id_token = key_.Sign(claims.dump(-1, ' ', false, json::error_handler_t::replace));
  if (!id_token) {
    return OAuthError(500, "server_error", "the ID token could not be signed");
  }
  return JsonResponse(200, json{{"access_token", access_token},
                                {"token_type", "Bearer"},
                                {"expires_in", kAccessTokenLifetime.count()},
                                {"id_token", *id_token}});
}

std::string DemoIdentityProvider::ClaimsJson(const DemoCitizen& citizen) const {
  return json{
      {"sub", citizen.subject},           {"name", citizen.given_name + " " + citizen.family_name},
      {"given_name", citizen.given_name}, {"family_name", citizen.family_name},
      {"email", citizen.email},           {"email_verified", true},
      {"locale", citizen.locale},         {kNationalNumberClaim, citizen.national_number}}
      .dump();
}

DemoIdpResponse DemoIdentityProvider::UserInfo(std::optional<std::string_view> authorization) {
  const auto bearer = AuthCredentials(authorization, "Bearer");
  auto unauthorized = [](std::string_view error, std::string_view description) {
    DemoIdpResponse response = OAuthError(401, error, description);
    std::string challenge = "Bearer realm=\"sealpost demo IdP\"";
    if (!error.empty()) challenge += ", error=\"" + std::string(error) + "\"";
    response.headers.emplace_back("WWW-Authenticate", std::move(challenge));
    return response;
  };
  if (!bearer || bearer->empty()) {
    return unauthorized("invalid_request", "a Bearer access token is required");
  }
  std::size_t citizen = 0;
  {
    std::lock_guard lock(mutex_);
    const common::TimePoint now = clock_.Now();
    PurgeExpired(now);
    auto it = access_tokens_.find(DigestHex(*bearer));
    if (it == access_tokens_.end() || now >= it->second.expires_at) {
      return unauthorized("invalid_token", "the access token is unknown or expired");
    }
    citizen = it->second.citizen;
  }
  DemoIdpResponse response;
  response.content_type = "application/json";
  response.body = ClaimsJson(DemoCitizens()[citizen]);
  NoStore(&response);
  return response;
}

void DemoIdentityProvider::PurgeExpired(common::TimePoint now) {
  std::erase_if(requests_, [now](const auto& entry) { return now >= entry.second.expires_at; });
  std::erase_if(codes_, [now](const auto& entry) { return now >= entry.second.expires_at; });
  std::erase_if(access_tokens_,
                [now](const auto& entry) { return now >= entry.second.expires_at; });
}

}  // namespace sealpost::adapters::identity
