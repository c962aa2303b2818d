// The demo OpenID Provider end to end through its service interface — exactly the calls the
// /demo-idp/ routes make — with the ID token verified against the published JWKS by cjose, as an
// independent relying party would.
#include <cjose/cjose.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "adapters/crypto/pem.hpp"
#include "adapters/identity/demo_idp.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "domain/belgian_identifiers.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/seeded_random.hpp"

namespace sealpost::adapters::identity {
namespace {

using app::DemoIdpParams;
using app::DemoIdpResponse;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kClientId = "sealpost-web";
constexpr const char* kSecret = "s3cret-démo";
constexpr const char* kRedirect = "http://localhost:8080/auth/callback/demo";
constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // RFC 7636 App. B
constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// RSA generation is slow: one key for the whole suite.
const std::string& TestKeyPem() {
  static const std::string pem = [] {
    crypto::EvpPkeyPtr key(EVP_RSA_gen(2048));
    return *crypto::PrivateKeyToPem(key.get());
  }();
  return pem;
}

std::string HeaderValue(const DemoIdpResponse& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

// Query parameters of a redirect Location (values here are unreserved or simply %-encoded).
std::map<std::string, std::string> LocationParams(const std::string& location) {
  std::map<std::string, std::string> out;
  const auto q = location.find('?');
  if (q == std::string::npos) return out;
  std::string rest = location.substr(q + 1);
  std::regex pair("([^&=]+)=([^&]*)");
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), pair); it != std::sregex_iterator();
       ++it) {
    std::string value = (*it)[2];
    std::string decoded;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size()) {
        decoded.push_back(static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        decoded.push_back(value[i]);
      }
    }
    out[(*it)[1]] = decoded;
  }
  return out;
}

std::string HiddenField(const std::string& html, const std::string& name) {
  std::smatch m;
  std::regex re("name=\"" + name + "\" value=\"([^\"]+)\"");
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

// Verifies a compact JWS against a JWK with cjose; the payload as JSON, or null on failure.
json VerifyWithCjose(const std::string& token, const json& jwk, std::string* kid = nullptr) {
  cjose_err err{};
  const std::string jwk_text = jwk.dump();
  std::unique_ptr<cjose_jwk_t, decltype(&cjose_jwk_release)> key(
      cjose_jwk_import(jwk_text.c_str(), jwk_text.size(), &err), &cjose_jwk_release);
  std::unique_ptr<cjose_jws_t, decltype(&cjose_jws_release)> jws(
      cjose_jws_import(token.c_str(), token.size(), &err), &cjose_jws_release);
  if (!key || !jws || !cjose_jws_verify(jws.get(), key.get(), &err)) return nullptr;
  cjose_header_t* header = cjose_jws_get_protected(jws.get());
  if (kid != nullptr && header != nullptr) {
    const char* k = cjose_header_get(header, CJOSE_HDR_KID, &err);
    *kid = k != nullptr ? k : "";
    const char* alg = cjose_header_get(header, CJOSE_HDR_ALG, &err);
    if (alg == nullptr || std::string(alg) != "RS256") return nullptr;
  }
  std::uint8_t* plain = nullptr;
  std::size_t plain_len = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &plain, &plain_len, &err)) return nullptr;
  return json::parse(std::string(reinterpret_cast<const char*>(plain), plain_len));
}

std::string BasicAuth(const std::string& id, const std::string& secret) {
  // RFC 6749 §2.3.1: form-encode each half first ('é' → %C3%A9).
  auto encode = [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
        out.push_back(static_cast<char>(c));
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  };
  return "Basic " + common::Base64Encode(common::ToBytes(encode(id) + ":" + encode(secret)));
}

class DemoIdpFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = DemoIdpSigningKey::FromPem(TestKeyPem());
    ASSERT_TRUE(key) << key.error().ToString();
    DemoIdpConfig config{"http://localhost:8080/", kClientId, kSecret, kRedirect, {}};
    auto idp = DemoIdentityProvider::Create(std::move(config), std::move(*key), clock_, random_);
    ASSERT_TRUE(idp) << idp.error().ToString();
    idp_ = std::move(*idp);
  }

  DemoIdpParams AuthorizeQuery() const {
    return {{"response_type", "code"},      {"client_id", kClientId},
            {"redirect_uri", kRedirect},    {"scope", "openid profile eid"},
            {"state", "st&te/42"},          {"nonce", "n-0S6_WzA2Mj"},
            {"code_challenge", kChallenge}, {"code_challenge_method", "S256"}};
  }

  // GET /authorize then POST the chooser form for citizen `index`: the redirect's parameters.
  std::map<std::string, std::string> SignIn(std::size_t index) {
    DemoIdpResponse page = idp_->AuthorizePage(AuthorizeQuery());
    EXPECT_EQ(page.status, 200) << page.body;
    DemoIdpResponse redirect = idp_->Authorize({{"request", HiddenField(page.body, "request")},
                                                {"csrf", HiddenField(page.body, "csrf")},
                                                {"citizen", DemoCitizens()[index].subject}});
    EXPECT_EQ(redirect.status, 302) << redirect.body;
    const std::string location = HeaderValue(redirect, "Location");
    EXPECT_EQ(location.rfind(std::string(kRedirect) + "?", 0), 0u) << location;
    return LocationParams(location);
  }

  DemoIdpParams TokenForm(const std::string& code, std::string verifier = kVerifier) const {
    return {{"grant_type", "authorization_code"},
            {"code", code},
            {"redirect_uri", kRedirect},
            {"code_verifier", std::move(verifier)}};
  }

  DemoIdpResponse Exchange(const std::string& code, std::string verifier = kVerifier) {
    return idp_->Token(TokenForm(code, std::move(verifier)), BasicAuth(kClientId, kSecret));
  }

  static std::string Error(const DemoIdpResponse& r) {
    return json::parse(r.body, nullptr, false).value("error", std::string());
  }

  sealpost::testing::FakeClock clock_{
      common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 3 / 1))};
  sealpost::testing::SeededRandom random_{20260301};
  std::unique_ptr<DemoIdentityProvider> idp_;
};

TEST_F(DemoIdpFlowTest, DiscoveryAnnouncesTheEndpointsAndCapabilities) {
  DemoIdpResponse r = idp_->Discovery();
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  json d = json::parse(r.body);
  EXPECT_EQ(d["issuer"], "http://localhost:8080/demo-idp");
  EXPECT_EQ(d["authorization_endpoint"], "http://localhost:8080/demo-idp/authorize");
  EXPECT_EQ(d["token_endpoint"], "http://localhost:8080/demo-idp/token");
  EXPECT_EQ(d["jwks_uri"], "http://localhost:8080/demo-idp/jwks");
  EXPECT_EQ(d["userinfo_endpoint"], "http://localhost:8080/demo-idp/userinfo");
  EXPECT_EQ(d["response_types_supported"], json({"code"}));
  EXPECT_EQ(d["subject_types_supported"], json({"public"}));
  EXPECT_EQ(d["id_token_signing_alg_values_supported"], json({"RS256"}));
  EXPECT_EQ(d["code_challenge_methods_supported"], json({"S256"}));
  EXPECT_EQ(d["token_endpoint_auth_methods_supported"],
            json({"client_secret_basic", "client_secret_post"}));
  EXPECT_EQ(d["acr_values_supported"], json({"http://eidas.europa.eu/LoA/high"}));
  for (const char* claim : {"http://itsme.services/v2/claim/BENationalNumber", "given_name",
                            "family_name", "email", "locale"}) {
    EXPECT_NE(std::find(d["claims_supported"].begin(), d["claims_supported"].end(), claim),
              d["claims_supported"].end())
        << claim;
  }
}

TEST_F(DemoIdpFlowTest, JwksPublishesOnePublicRs256KeyWithKid) {
  json jwks = json::parse(idp_->Jwks().body);
  ASSERT_EQ(jwks["keys"].size(), 1u);
  const json& k = jwks["keys"][0];
  EXPECT_EQ(k["kty"], "RSA");
  EXPECT_EQ(k["alg"], "RS256");
  EXPECT_EQ(k["use"], "sig");
  EXPECT_EQ(k["kid"], idp_->signing_key().kid());
  EXPECT_TRUE(k.contains("n") && k.contains("e"));
  for (const char* secret : {"d", "p", "q", "dp", "dq", "qi"}) EXPECT_FALSE(k.contains(secret));
}

TEST_F(DemoIdpFlowTest, AuthorizePageListsTheCitizensAndIsMarkedDemo) {
  DemoIdpResponse page = idp_->AuthorizePage(AuthorizeQuery());
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("DEMO identity provider — not a real identification"),
            std::string::npos);
  for (const DemoCitizen& c : DemoCitizens()) {
    EXPECT_NE(page.body.find(c.given_name + " " + c.family_name), std::string::npos)
        << c.family_name;
    EXPECT_NE(page.body.find("value=\"" + c.subject + "\""), std::string::npos);
  }
  EXPECT_NE(page.body.find("method=\"post\""), std::string::npos);
  EXPECT_FALSE(HiddenField(page.body, "request").empty());
  EXPECT_GE(HiddenField(page.body, "csrf").size(), 43u);  // ≥ 256 bits, base64url
  EXPECT_EQ(HeaderValue(page, "X-Frame-Options"), "DENY");
}

TEST_F(DemoIdpFlowTest, ChoosingACitizenRedirectsWithACodeAndTheSameState) {
  auto params = SignIn(0);
  EXPECT_EQ(params["state"], "st&te/42");
  EXPECT_EQ(params["iss"], "http://localhost:8080/demo-idp");
  EXPECT_GE(params["code"].size(), 22u);  // ≥ 128 bits base64url
}

TEST_F(DemoIdpFlowTest, TokenExchangeReturnsAnIdTokenThatVerifiesAgainstTheJwks) {
  clock_.Advance(3s);
  const std::size_t index = 1;  // An Peeters, born 2003: the "2" prefix check rule
  auto params = SignIn(index);
  const auto auth_time = clock_.Now();
  clock_.Advance(2s);
  DemoIdpResponse r = Exchange(params["code"]);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(HeaderValue(r, "Cache-Control"), "no-store");
  json body = json::parse(r.body);
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 300);
  ASSERT_TRUE(body["access_token"].is_string());

  json jwks = json::parse(idp_->Jwks().body);
  std::string kid;
  json claims = VerifyWithCjose(body["id_token"], jwks["keys"][0], &kid);
  ASSERT_FALSE(claims.is_null()) << "ID token signature does not verify";
  EXPECT_EQ(kid, jwks["keys"][0]["kid"]);

  const DemoCitizen& citizen = DemoCitizens()[index];
  const long long now =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  EXPECT_EQ(claims["iss"], "http://localhost:8080/demo-idp");
  EXPECT_EQ(claims["aud"], kClientId);
  EXPECT_EQ(claims["sub"], citizen.subject);
  EXPECT_EQ(claims["nonce"], "n-0S6_WzA2Mj");
  EXPECT_EQ(claims["iat"], now);
  EXPECT_EQ(claims["exp"], now + 300);
  EXPECT_EQ(claims["auth_time"],
            std::chrono::duration_cast<std::chrono::seconds>(auth_time.time_since_epoch()).count());
  EXPECT_EQ(claims["acr"], "http://eidas.europa.eu/LoA/high");
  EXPECT_EQ(claims["amr"], json({"demo"}));
  EXPECT_EQ(claims["given_name"], "An");
  EXPECT_EQ(claims["family_name"], "Peeters");
  EXPECT_EQ(claims["email"], "an.peeters@demo.sealpost.test");
  EXPECT_EQ(claims["locale"], "nl-BE");
  const std::string nn = claims["http://itsme.services/v2/claim/BENationalNumber"];
  auto parsed = domain::NationalNumber::Parse(nn);
  ASSERT_TRUE(parsed) << nn;
  EXPECT_EQ(parsed->digits, citizen.national_number);

  // A token signed by another key must not verify against this JWKS (the check is real).
  crypto::EvpPkeyPtr other(EVP_RSA_gen(2048));
  auto other_key = DemoIdpSigningKey::FromPem(*crypto::PrivateKeyToPem(other.get()));
  ASSERT_TRUE(other_key);
  auto forged = other_key->Sign(claims.dump());
  ASSERT_TRUE(forged);
  EXPECT_TRUE(VerifyWithCjose(*forged, jwks["keys"][0]).is_null());
}

TEST_F(DemoIdpFlowTest, ClientSecretPostIsAcceptedToo) {
  auto params = SignIn(2);
  DemoIdpParams form = TokenForm(params["code"]);
  form.emplace_back("client_id", kClientId);
  form.emplace_back("client_secret", kSecret);
  DemoIdpResponse r = idp_->Token(form, std::nullopt);
  ASSERT_EQ(r.status, 200) << r.body;
  json claims =
      VerifyWithCjose(json::parse(r.body)["id_token"], json::parse(idp_->Jwks().body)["keys"][0]);
  EXPECT_EQ(claims["family_name"], "Müller");
  EXPECT_EQ(claims["given_name"], "Jürgen");
}

TEST_F(DemoIdpFlowTest, ACodeWorksOnceAndItsReplayRevokesTheAccessToken) {
  auto params = SignIn(0);
  DemoIdpResponse first = Exchange(params["code"]);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string access_token = json::parse(first.body)["access_token"];
  ASSERT_EQ(idp_->UserInfo("Bearer " + access_token).status, 200);

  DemoIdpResponse second = Exchange(params["code"]);
  EXPECT_EQ(second.status, 400);
  EXPECT_EQ(Error(second), "invalid_grant");
  EXPECT_EQ(idp_->UserInfo("Bearer " + access_token).status, 401);
}

TEST_F(DemoIdpFlowTest, AWrongCodeVerifierIsInvalidGrantAndBurnsTheCode) {
  auto params = SignIn(0);
  DemoIdpResponse wrong = Exchange(params["code"], std::string(43, 'x'));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Error(wrong), "invalid_grant");
  EXPECT_EQ(Error(Exchange(params["code"])), "invalid_grant");  // no second try
}

TEST_F(DemoIdpFlowTest, AWrongRedirectUriAtTheTokenEndpointIsInvalidGrant) {
  auto params = SignIn(0);
  DemoIdpParams form = TokenForm(params["code"]);
  form[2].second = "http://localhost:8080/other";
  DemoIdpResponse r = idp_->Token(form, BasicAuth(kClientId, kSecret));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r), "invalid_grant");
}

TEST_F(DemoIdpFlowTest, AWrongClientSecretIsInvalidClient401) {
  auto params = SignIn(0);
  DemoIdpResponse r = idp_->Token(TokenForm(params["code"]), BasicAuth(kClientId, "wrong"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Error(r), "invalid_client");
  EXPECT_NE(HeaderValue(r, "WWW-Authenticate").find("Basic"), std::string::npos);

  DemoIdpParams post = TokenForm(params["code"]);
  post.emplace_back("client_id", kClientId);
  post.emplace_back("client_secret", "wrong");
  EXPECT_EQ(idp_->Token(post, std::nullopt).status, 401);
  EXPECT_EQ(idp_->Token(TokenForm(params["code"]), std::nullopt).status, 401);  // none at all
  // The failed authentications did not consume the code.
  EXPECT_EQ(Exchange(params["code"]).status, 200);
}

TEST_F(DemoIdpFlowTest, AnExpiredCodeIsInvalidGrant) {
  auto params = SignIn(0);
  clock_.Advance(61s);
  DemoIdpResponse r = Exchange(params["code"]);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r), "invalid_grant");
}

TEST_F(DemoIdpFlowTest, ACodeIsStillGoodJustBeforeItsSixtySeconds) {
  auto params = SignIn(0);
  clock_.Advance(59s);
  EXPECT_EQ(Exchange(params["code"]).status, 200);
}

TEST_F(DemoIdpFlowTest, OtherGrantTypesAreUnsupported) {
  DemoIdpResponse r = idp_->Token({{"grant_type", "password"}}, BasicAuth(kClientId, kSecret));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r), "unsupported_grant_type");
}

TEST_F(DemoIdpFlowTest, AWrongRedirectUriAtAuthorizeShowsAnErrorPageAndDoesNotRedirect) {
  DemoIdpParams query = AuthorizeQuery();
  query[2].second = "https://evil.example/steal";
  DemoIdpResponse r = idp_->AuthorizePage(query);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(HeaderValue(r, "Location").empty());
  EXPECT_NE(r.body.find("DEMO identity provider"), std::string::npos);
  EXPECT_EQ(r.body.find("evil.example"), std::string::npos);

  query = AuthorizeQuery();
  query[1].second = "unknown-client";
  r = idp_->AuthorizePage(query);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(HeaderValue(r, "Location").empty());
}

TEST_F(DemoIdpFlowTest, ErrorsAfterTheRedirectUriIsKnownAreRedirected) {
  auto expect_redirect_error = [&](DemoIdpParams query, const std::string& error) {
    DemoIdpResponse r = idp_->AuthorizePage(query);
    ASSERT_EQ(r.status, 302) << error;
    auto params = LocationParams(HeaderValue(r, "Location"));
    EXPECT_EQ(params["error"], error);
    EXPECT_EQ(params["state"], "st&te/42");
  };
  DemoIdpParams q = AuthorizeQuery();
  q[0].second = "token";
  expect_redirect_error(q, "unsupported_response_type");
  q = AuthorizeQuery();
  q[3].second = "profile";
  expect_redirect_error(q, "invalid_scope");
  q = AuthorizeQuery();
  q.erase(q.begin() + 6, q.end());  // no PKCE
  expect_redirect_error(q, "invalid_request");
  q = AuthorizeQuery();
  q[7].second = "plain";
  expect_redirect_error(q, "invalid_request");
}

TEST_F(DemoIdpFlowTest, TheChooserFormIsSingleUseAndBoundToItsCsrfToken) {
  DemoIdpResponse page = idp_->AuthorizePage(AuthorizeQuery());
  const std::string request = HiddenField(page.body, "request");
  DemoIdpResponse forged = idp_->Authorize(
      {{"request", request}, {"csrf", "forged"}, {"citizen", DemoCitizens()[0].subject}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(HeaderValue(forged, "Location").empty());
  // The request died with the forged attempt.
  DemoIdpResponse retry = idp_->Authorize({{"request", request},
                                           {"csrf", HiddenField(page.body, "csrf")},
                                           {"citizen", DemoCitizens()[0].subject}});
  EXPECT_EQ(retry.status, 400);
}

TEST_F(DemoIdpFlowTest, CancelRedirectsWithAccessDenied) {
  DemoIdpResponse page = idp_->AuthorizePage(AuthorizeQuery());
  DemoIdpResponse r = idp_->Authorize({{"request", HiddenField(page.body, "request")},
                                       {"csrf", HiddenField(page.body, "csrf")},
                                       {"cancel", "1"}});
  ASSERT_EQ(r.status, 302);
  auto params = LocationParams(HeaderValue(r, "Location"));
  EXPECT_EQ(params["error"], "access_denied");
  EXPECT_EQ(params["state"], "st&te/42");
  EXPECT_EQ(params.count("code"), 0u);
}

TEST_F(DemoIdpFlowTest, UserInfoReturnsTheClaimsForTheAccessTokenOnly) {
  auto params = SignIn(3);
  const std::string access_token = json::parse(Exchange(params["code"]).body)["access_token"];
  DemoIdpResponse r = idp_->UserInfo("Bearer " + access_token);
  ASSERT_EQ(r.status, 200) << r.body;
  json claims = json::parse(r.body);
  EXPECT_EQ(claims["sub"], DemoCitizens()[3].subject);
  EXPECT_EQ(claims["given_name"], "Sophie");
  EXPECT_EQ(claims["family_name"], "Martin");
  EXPECT_EQ(claims["email"], "sophie.martin@demo.sealpost.test");
  EXPECT_EQ(claims["locale"], "en");
  EXPECT_EQ(claims["http://itsme.services/v2/claim/BENationalNumber"],
            DemoCitizens()[3].national_number);

  DemoIdpResponse none = idp_->UserInfo(std::nullopt);
  EXPECT_EQ(none.status, 401);
  EXPECT_NE(HeaderValue(none, "WWW-Authenticate").find("Bearer"), std::string::npos);
  EXPECT_EQ(idp_->UserInfo("Bearer not-a-token").status, 401);
  clock_.Advance(301s);
  EXPECT_EQ(idp_->UserInfo("Bearer " + access_token).status, 401);
}

}  // namespace
}  // namespace sealpost::adapters::identity
