// Unit tests of the ID token verifier, client assertion and acr mapping with in-test keys.
#include "adapters/identity/oidc_id_token_verifier.hpp"

#include <gtest/gtest.h>

#include "adapters/identity/oidc_private_key_jwt.hpp"
#include "adapters/identity/oidc_provider_config.hpp"
#include "adapters/identity/oidc_test_keys.hpp"
#include "fakes/fake_clock.hpp"

namespace sealpost::adapters::identity {
namespace {

constexpr std::int64_t kNow = 1800000000;

class IdTokenVerifierTest : public ::testing::Test {
 protected:
  IdTokenVerifierTest()
      : op_key_(testkeys::NewPrivateJwk("RSA", "op-1", "sig", "RS256")),
        op_ec_key_(testkeys::NewPrivateJwk("EC", "op-ec", "sig", "ES256")),
        clock_(common::TimePoint(std::chrono::seconds(kNow))),
        jwks_(
            [this]() -> common::Result<std::string> {
              ++fetches_;
              return served_jwks_;
            },
            clock_, std::chrono::hours(1), std::chrono::seconds(30)) {
    served_jwks_ = testkeys::Jwks({testkeys::PublicJwk(op_key_), testkeys::PublicJwk(op_ec_key_)});
  }

  nlohmann::json Claims() const {
    return {{"iss", "https://op.example"}, {"sub", "citizen-1"},      {"aud", "sealpost"},
            {"exp", kNow + 300},           {"iat", kNow - 5},         {"auth_time", kNow - 10},
            {"nonce", "n-0S6_WzA2Mj"},     {"acr", kItsmeAcrAdvanced}};
  }
  IdTokenExpectations Expected() const {
    return {"https://op.example",     "sealpost", "n-0S6_WzA2Mj", clock_.Now(),
            std::chrono::seconds(60), true};
  }
  std::string Sign(const nlohmann::json& claims, const nlohmann::json& jwk,
                   const char* alg = "RS256") {
    auto set = JoseKeySet::Parse(testkeys::Jwks({jwk}));
    EXPECT_TRUE(set.has_value());
    auto token = SignCompactJws(claims, set->Keys().front(), alg);
    EXPECT_TRUE(token.has_value()) << token.error().ToString();
    return token.value_or("");
  }
  common::Result<nlohmann::json> Verify(const std::string& token) {
    return VerifyIdToken(token, Expected(), jwks_, nullptr);
  }
  void ExpectRefused(const std::string& token, const std::string& reason_part) {
    auto result = Verify(token);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, common::ErrorCode::kUnauthenticated);
    EXPECT_EQ(result.error().message, kUnverifiedAnswer);
    EXPECT_NE(result.error().reason.find(reason_part), std::string::npos) << result.error().reason;
  }

  nlohmann::json op_key_;
  nlohmann::json op_ec_key_;
  testing::FakeClock clock_;
  std::string served_jwks_;
  int fetches_ = 0;
  JwksCache jwks_;
};

TEST_F(IdTokenVerifierTest, AcceptsAGoodRs256AndEs256Token) {
  auto claims = Verify(Sign(Claims(), op_key_));
  ASSERT_TRUE(claims.has_value()) << claims.error().ToString();
  EXPECT_EQ((*claims)["sub"], "citizen-1");
  EXPECT_TRUE(Verify(Sign(Claims(), op_ec_key_, "ES256")).has_value());
}

TEST_F(IdTokenVerifierTest, RefusesATokenSignedByAnotherKey) {
  auto forged_key = testkeys::NewPrivateJwk("RSA", "op-1", "sig", "RS256");  // same kid, other key
  ExpectRefused(Sign(Claims(), forged_key), "signature");
}

TEST_F(IdTokenVerifierTest, RefusesExpiredAndFutureTokens) {
  auto expired = Claims();
  expired["exp"] = kNow - 61;
  ExpectRefused(Sign(expired, op_key_), "expired");
  auto within_skew = Claims();
  within_skew["exp"] = kNow - 30;
  EXPECT_TRUE(Verify(Sign(within_skew, op_key_)).has_value());
  auto future = Claims();
  future["iat"] = kNow + 120;
  ExpectRefused(Sign(future, op_key_), "future");
}

TEST_F(IdTokenVerifierTest, RefusesWrongAudienceIssuerNonceAndMissingAuthTime) {
  auto wrong_aud = Claims();
  wrong_aud["aud"] = "someone-else";
  ExpectRefused(Sign(wrong_aud, op_key_), "aud");
  auto several = Claims();
  several["aud"] = nlohmann::json::array({"sealpost", "other"});
  ExpectRefused(Sign(several, op_key_), "azp");
  several["azp"] = "sealpost";
  EXPECT_TRUE(Verify(Sign(several, op_key_)).has_value());
  auto wrong_iss = Claims();
  wrong_iss["iss"] = "https://evil.example";
  ExpectRefused(Sign(wrong_iss, op_key_), "iss");
  auto wrong_nonce = Claims();
  wrong_nonce["nonce"] = "other";
  ExpectRefused(Sign(wrong_nonce, op_key_), "nonce");
  auto no_auth_time = Claims();
  no_auth_time.erase("auth_time");
  ExpectRefused(Sign(no_auth_time, op_key_), "auth_time");
}

TEST_F(IdTokenVerifierTest, RefusesAlgNoneAndHmac) {
  const std::string payload = JoseBase64UrlEncode(Claims().dump());
  ExpectRefused(JoseBase64UrlEncode(std::string(R"({"alg":"none"})")) + "." + payload + ".",
                "none");
  // HS256 "signed" with the RSA public key as the secret: the classic key confusion.
  ExpectRefused(
      JoseBase64UrlEncode(std::string(R"({"alg":"HS256","kid":"op-1"})")) + "." + payload + ".AAAA",
      "HS256");
}

TEST_F(IdTokenVerifierTest, UnknownKidRefetchesOncePerInterval) {
  auto rotated = testkeys::NewPrivateJwk("RSA", "op-2", "sig", "RS256");
  const std::string token = Sign(Claims(), rotated);
  ASSERT_TRUE(Verify(Sign(Claims(), op_key_)).has_value());
  EXPECT_EQ(fetches_, 1);
  ExpectRefused(token, "kid");  // unknown, and the last fetch is too recent to look again
  ExpectRefused(token, "kid");
  EXPECT_EQ(fetches_, 1);
  served_jwks_ = testkeys::Jwks({testkeys::PublicJwk(op_key_), testkeys::PublicJwk(rotated)});
  clock_.Advance(std::chrono::seconds(31));
  EXPECT_TRUE(Verify(token).has_value());
  EXPECT_EQ(fetches_, 2);
  auto unknown = testkeys::NewPrivateJwk("RSA", "op-3", "sig", "RS256");
  for (int i = 0; i < 5; ++i) ExpectRefused(Sign(Claims(), unknown), "kid");
  EXPECT_EQ(fetches_, 2);  // no amplification
}

TEST(OidcPrivateKeyJwt, ClaimsAreThoseItsmeExpects) {
  testing::FakeClock clock{common::TimePoint(std::chrono::seconds(kNow))};
  common::SecureRandom random;
  const auto claims =
      ClientAssertionClaims("client-1", "https://op.example/token", clock.Now(), random);
  EXPECT_EQ(claims["iss"], "client-1");
  EXPECT_EQ(claims["sub"], "client-1");
  EXPECT_EQ(claims["aud"], "https://op.example/token");
  EXPECT_EQ(claims["iat"], kNow);
  EXPECT_LE(claims["exp"].get<std::int64_t>() - kNow, 300);
  EXPECT_GE(claims["jti"].get<std::string>().size(), 22u);
  EXPECT_NE(claims["jti"], ClientAssertionClaims("client-1", "x", clock.Now(), random)["jti"]);

  const auto sig = testkeys::NewPrivateJwk("RSA", "c-sig", "sig", "RS256");
  auto keys = JoseKeySet::Parse(
      testkeys::Jwks({sig, testkeys::NewPrivateJwk("RSA", "c-enc", "enc", "RSA-OAEP-256")}));
  ASSERT_TRUE(keys.has_value());
  auto assertion =
      MakeClientAssertion("client-1", "https://op.example/token", *keys, clock.Now(), random);
  ASSERT_TRUE(assertion.has_value()) << assertion.error().ToString();
  EXPECT_EQ(ParseProtectedHeader(*assertion)->alg, "RS256");
  EXPECT_EQ(ParseProtectedHeader(*assertion)->kid, "c-sig");
  auto public_set = JoseKeySet::Parse(testkeys::Jwks({testkeys::PublicJwk(sig)}));
  EXPECT_TRUE(VerifyCompactJws(*assertion, public_set->Keys().front()).has_value());
}

TEST(OidcProviderConfig, AcrMappingAndLevels) {
  OidcProviderConfig config;
  config.acr_levels = ItsmeAcrLevels();
  EXPECT_EQ(LevelForAcr(config, kItsmeAcrAdvanced), kLoaHigh);
  EXPECT_EQ(LevelForAcr(config, kItsmeAcrBasic), kLoaSubstantial);
  EXPECT_EQ(LevelForAcr(config, "urn:unknown"), std::nullopt);
  config.acr_levels = FasAcrLevels();
  EXPECT_EQ(LevelForAcr(config, "urn:be:fedict:iam:fas:Level500"), kLoaHigh);
  config.acr_levels = EidasAcrLevels();
  EXPECT_EQ(LevelForAcr(config, kLoaHigh), kLoaHigh);
  EXPECT_LT(LevelRank(kLoaSubstantial), LevelRank(kLoaHigh));
  EXPECT_EQ(LevelRank("high"), 0);
}

TEST(OidcProviderConfig, Validation) {
  OidcProviderConfig config;
  config.id = "x";
  config.client_id = "c";
  config.client_secret = "s";
  config.issuer = "http://op.example";
  config.acr_levels = EidasAcrLevels();
  EXPECT_FALSE(ValidateConfig(config).has_value());  // plain http, not loopback
  config.allow_http_issuer = true;
  EXPECT_FALSE(ValidateConfig(config).has_value());
  config.issuer = "http://127.0.0.1:8080";
  EXPECT_TRUE(ValidateConfig(config).has_value());
  config.issuer = "https://op.example";
  config.client_auth = ClientAuthMethod::kPrivateKeyJwt;
  EXPECT_FALSE(ValidateConfig(config).has_value());  // no client keys
  EXPECT_FALSE(ParseClientAuthMethod("none").has_value());
}

}  // namespace
}  // namespace sealpost::adapters::identity
