// Integration: the whole itsme-like sign-in against a real OpenID Provider (npm oidc-provider,
// tests/oidc/itsme_like_op.mjs) started as a child process, driven by a libcurl "browser".
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "adapters/identity/oidc_client.hpp"
#include "adapters/identity/oidc_http.hpp"
#include "adapters/identity/oidc_id_token_verifier.hpp"
#include "adapters/identity/oidc_test_keys.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"

namespace sealpost::adapters::identity {
namespace {

constexpr char kRedirectUri[] = "http://127.0.0.1:9/callback";
constexpr char kClientId[] = "sealpost";

// The test OP as a child process; stdin is a pipe whose closing ends it.
class TestOp {
 public:
  bool Start(const std::string& client_jwks_file, std::string& error) {
    const std::string script = std::string(SEALPOST_SOURCE_DIR) + "/tests/oidc/itsme_like_op.mjs";
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return error = "pipe failed", false;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[1]);
      close(out[0]);
      chdir(SEALPOST_SOURCE_DIR);
      execlp("node", "node", script.c_str(), "--client-jwks", client_jwks_file.c_str(),
             "--client-id", kClientId, "--redirect-uri", kRedirectUri, "--secret-client-id",
             "generic", "--client-secret", "s3cret-for-tests", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    stdin_fd_ = in[1];
    FILE* from = fdopen(out[0], "r");
    char line[512] = {0};
    if (from == nullptr || fgets(line, sizeof line, from) == nullptr)
      return error = "the test OP did not start", false;
    fclose(from);  // the OP prints nothing more on stdout that we need
    std::string text(line);
    if (!text.starts_with("ISSUER ")) return error = "unexpected first line: " + text, false;
    issuer_ = text.substr(7);
    while (!issuer_.empty() && (issuer_.back() == '\n' || issuer_.back() == '\r'))
      issuer_.pop_back();
    return true;
  }
  ~TestOp() {
    if (stdin_fd_ >= 0) close(stdin_fd_);
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& Issuer() const { return issuer_; }

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::string issuer_;
};

// A minimal browser: keeps cookies, follows redirects by hand until the redirect_uri.
struct Browser {
  struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
  };
  std::unique_ptr<CURL, CurlDeleter> curl{curl_easy_init()};
  Browser() { curl_easy_setopt(curl.get(), CURLOPT_COOKIEFILE, ""); }

  static size_t Sink(char*, size_t size, size_t n, void*) { return size * n; }

  // Returns the query parameters of the final redirect to kRedirectUri, or an error text in
  // "error".
  std::map<std::string, std::string> SignIn(std::string url, const std::string& issuer) {
    for (int hop = 0; hop < 10; ++hop) {
      curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
      curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
      curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &Sink);
      curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
      if (curl_easy_perform(curl.get()) != CURLE_OK) return {{"error", "GET failed"}};
      long status = 0;
      curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
      char* location = nullptr;
      curl_easy_getinfo(curl.get(), CURLINFO_REDIRECT_URL, &location);
      if (status < 300 || status >= 400 || location == nullptr) {
        return {{"error", "no redirect, HTTP " + std::to_string(status) + " at " + url}};
      }
      url = location;
      if (url.starts_with("/")) url = issuer + url;
      if (url.starts_with(kRedirectUri)) return ParseQuery(url.substr(url.find('?') + 1));
    }
    return {{"error", "too many redirects"}};
  }

  std::map<std::string, std::string> ParseQuery(const std::string& query) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t end = query.find('&', start);
      if (end == std::string::npos) end = query.size();
      const std::string pair = query.substr(start, end - start);
      const std::size_t eq = pair.find('=');
      int len = 0;
      const std::string raw = eq == std::string::npos ? "" : pair.substr(eq + 1);
      char* decoded =
          curl_easy_unescape(curl.get(), raw.c_str(), static_cast<int>(raw.size()), &len);
      out[pair.substr(0, eq)] = std::string(decoded, static_cast<std::size_t>(len));
      curl_free(decoded);
      start = end + 1;
    }
    return out;
  }
};

class OidcItsmeIntegration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(std::string(SEALPOST_SOURCE_DIR) +
                                 "/node_modules/oidc-provider")) {
      setup_error_ = "node_modules/oidc-provider is missing: run `npm ci` in " +
                     std::string(SEALPOST_SOURCE_DIR);
      return;
    }
    const auto sig = testkeys::NewPrivateJwk("RSA", "client-sig-1", "sig", "RS256");
    const auto enc = testkeys::NewPrivateJwk("RSA", "client-enc-1", "enc", "RSA-OAEP-256");
    client_private_jwks_ = new std::string(testkeys::Jwks({sig, enc}));
    const std::string file = std::filesystem::temp_directory_path() /
                             ("sealpost-oidc-client-" + std::to_string(getpid()) + ".json");
    std::ofstream(file) << testkeys::Jwks({testkeys::PublicJwk(sig), testkeys::PublicJwk(enc)});
    op_ = new TestOp();
    std::string error;
    if (!op_->Start(file, error)) setup_error_ = error;
    std::filesystem::remove(file);
  }
  static void TearDownTestSuite() {
    delete op_;
    op_ = nullptr;
    delete client_private_jwks_;
  }
  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << setup_error_; }

  OidcProviderConfig ItsmeConfig() const {
    OidcProviderConfig config;
    config.id = "itsme";
    config.display_name = "itsme";
    config.issuer = op_->Issuer();
    config.client_id = kClientId;
    config.client_auth = ClientAuthMethod::kPrivateKeyJwt;
    config.client_private_jwks = *client_private_jwks_;
    config.scopes = "openid profile eid service:SEALPOST";
    config.acr_values = kItsmeAcrAdvanced;
    config.acr_levels = ItsmeAcrLevels();
    config.allow_http_issuer = true;
    config.http_timeout = std::chrono::seconds(5);
    return config;
  }

  std::unique_ptr<OidcClient> Client(OidcProviderConfig config) {
    auto client = OidcClient::Create(std::move(config), clock_, random_);
    EXPECT_TRUE(client.has_value()) << client.error().ToString();
    return client ? std::move(*client) : nullptr;
  }

  // Begin → browser → code. `extra` is appended to the authorization URL (login_hint, test_acr).
  std::string Authorize(OidcClient& client, app::PendingSignIn& pending, const std::string& extra) {
    auto begun = client.BeginSignIn(kRedirectUri);
    EXPECT_TRUE(begun.has_value()) << begun.error().ToString();
    if (!begun) return {};
    pending = *begun;
    Browser browser;
    auto params = browser.SignIn(pending.authorization_url + extra, op_->Issuer());
    EXPECT_EQ(params.count("error"), 0u) << params["error"] << " " << params["error_description"];
    EXPECT_EQ(params["state"], pending.state);
    return params["code"];
  }

  static inline TestOp* op_ = nullptr;
  static inline std::string* client_private_jwks_ = nullptr;
  static inline std::string setup_error_;
  common::SystemClock clock_;
  common::SecureRandom random_;
};

TEST_F(OidcItsmeIntegration, HappyPathSignedAndEncryptedIdToken) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan");
  ASSERT_FALSE(code.empty());
  const auto before = clock_.Now();
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_TRUE(identity.has_value()) << identity.error().ToString();
  EXPECT_EQ(identity->provider_id, "itsme");
  EXPECT_EQ(identity->issuer, op_->Issuer());
  EXPECT_EQ(identity->subject, "jan");
  EXPECT_EQ(identity->national_number, "85073003328");
  EXPECT_EQ(identity->given_names, "Jan");
  EXPECT_EQ(identity->family_name, "Peeters");
  EXPECT_EQ(identity->acr, kItsmeAcrAdvanced);
  EXPECT_EQ(identity->assurance_level, kLoaHigh);
  EXPECT_LE(identity->authentication_time, before + std::chrono::seconds(1));
  EXPECT_GT(identity->authentication_time, before - std::chrono::seconds(60));
}

// Proves the ID token really is a JWE: without the client's enc key it cannot be read.
TEST_F(OidcItsmeIntegration, IdTokenIsEncryptedForTheClient) {
  auto config = ItsmeConfig();
  auto keys = nlohmann::json::parse(config.client_private_jwks);
  keys["keys"].erase(1);  // drop the enc key
  config.client_private_jwks = keys.dump();
  auto client = Client(config);
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan");
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(identity.has_value());
  EXPECT_NE(identity.error().reason.find("JWE"), std::string::npos) << identity.error().reason;
}

TEST_F(OidcItsmeIntegration, ClaimsParameterAndUserinfo) {
  auto config = ItsmeConfig();
  config.request_claims_parameter = true;
  config.call_userinfo = true;
  auto client = Client(config);
  app::PendingSignIn pending;
  EXPECT_NE(client->ClaimsRequest().find("BENationalNumber"), std::string::npos);
  const std::string code = Authorize(*client, pending, "&login_hint=marie");
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_TRUE(identity.has_value()) << identity.error().ToString();
  EXPECT_EQ(identity->national_number, "17073003384");
  EXPECT_EQ(identity->given_names, "Marie Louise");
}

TEST_F(OidcItsmeIntegration, GenericClientSecretBasicWithEs256) {
  auto config = ItsmeConfig();
  config.id = "generic";
  config.client_id = "generic";
  config.client_auth = ClientAuthMethod::kClientSecretBasic;
  config.client_secret = "s3cret-for-tests";
  config.client_private_jwks.clear();
  auto client = Client(config);
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan");
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_TRUE(identity.has_value()) << identity.error().ToString();
  EXPECT_EQ(identity->national_number, "85073003328");
}

TEST_F(OidcItsmeIntegration, CodeCanBeUsedOnlyOnce) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan");
  ASSERT_TRUE(client->CompleteSignIn(code, pending).has_value());
  auto second = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, common::ErrorCode::kUnauthenticated);
  EXPECT_NE(second.error().reason.find("invalid_grant"), std::string::npos)
      << second.error().reason;
}

TEST_F(OidcItsmeIntegration, TamperedNonceIsRefused) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan");
  pending.nonce = "another-nonce";
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(identity.has_value());
  EXPECT_EQ(identity.error().code, common::ErrorCode::kUnauthenticated);
  EXPECT_EQ(identity.error().message, kUnverifiedAnswer);
  EXPECT_NE(identity.error().reason.find("nonce"), std::string::npos) << identity.error().reason;
}

TEST_F(OidcItsmeIntegration, AcrBasicIsBelowTheRequiredLevel) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan&test_acr=basic");
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(identity.has_value());
  EXPECT_EQ(identity.error().code, common::ErrorCode::kUnauthenticated);
  EXPECT_NE(identity.error().message.find("not strong enough"), std::string::npos)
      << identity.error().message;
}

TEST_F(OidcItsmeIntegration, MissingNationalNumberIsRefused) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=nonn");
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(identity.has_value());
  EXPECT_EQ(identity.error().code, common::ErrorCode::kUnauthenticated);
  EXPECT_NE(identity.error().message.find("national register number"), std::string::npos);
}

TEST_F(OidcItsmeIntegration, InvalidNationalNumberIsRefused) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=badnn");
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(identity.has_value());
  EXPECT_NE(identity.error().message.find("not valid"), std::string::npos)
      << identity.error().message;
}

TEST_F(OidcItsmeIntegration, StalePendingSignInIsRefused) {
  auto client = Client(ItsmeConfig());
  app::PendingSignIn pending;
  const std::string code = Authorize(*client, pending, "&login_hint=jan");
  pending.started_at -= std::chrono::minutes(11);
  auto identity = client->CompleteSignIn(code, pending);
  ASSERT_FALSE(identity.has_value());
  EXPECT_EQ(identity.error().code, common::ErrorCode::kUnauthenticated);
}

TEST_F(OidcItsmeIntegration, DiscoveryIssuerMustMatch) {
  auto config = ItsmeConfig();
  config.issuer.replace(config.issuer.find("127.0.0.1"), 9, "localhost");
  auto client = Client(config);
  auto begun = client->BeginSignIn(kRedirectUri);
  ASSERT_FALSE(begun.has_value());
  EXPECT_EQ(begun.error().code, common::ErrorCode::kUnavailable);
}

TEST_F(OidcItsmeIntegration, AuthorizationUrlCarriesPkceStateNonceAcr) {
  auto client = Client(ItsmeConfig());
  auto begun = client->BeginSignIn(kRedirectUri);
  ASSERT_TRUE(begun.has_value()) << begun.error().ToString();
  const std::string& url = begun->authorization_url;
  EXPECT_TRUE(url.starts_with(op_->Issuer() + "/auth?response_type=code&")) << url;
  for (const char* part : {"code_challenge_method=S256", "code_challenge=", "&state=", "&nonce=",
                           "acr_values=", "scope=openid%20profile%20eid%20service%3ASEALPOST"}) {
    EXPECT_NE(url.find(part), std::string::npos) << part;
  }
  EXPECT_GE(begun->state.size(), 22u);  // ≥ 128 bits of base64url
  EXPECT_GE(begun->code_verifier.size(), 43u);
}

}  // namespace
}  // namespace sealpost::adapters::identity
