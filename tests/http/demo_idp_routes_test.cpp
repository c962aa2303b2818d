// The /demo-idp/ routes: the mapping between HttpRequest/HttpResponse and the demo OpenID
// Provider service (query and form decoding, Authorization header, status, headers, body). The
// protocol itself is tested against the real provider in tests/adapters/identity/.
#include "http/demo_idp_routes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace sealpost::http {
namespace {

using app::DemoIdpParams;
using app::DemoIdpResponse;

// Records what each endpoint received and answers a recognisable response.
class RecordingService final : public app::DemoIdentityProviderService {
 public:
  DemoIdpResponse Discovery() const override { return Answer(200, "discovery"); }
  DemoIdpResponse Jwks() const override { return Answer(200, "jwks"); }
  DemoIdpResponse AuthorizePage(const DemoIdpParams& query) override {
    params = query;
    return Answer(200, "page");
  }
  DemoIdpResponse Authorize(const DemoIdpParams& form) override {
    params = form;
    DemoIdpResponse r;
    r.status = 302;
    r.headers.emplace_back("Location", "http://rp.test/cb?code=c&state=s");
    return r;
  }
  DemoIdpResponse Token(const DemoIdpParams& form,
                        std::optional<std::string_view> authorization) override {
    params = form;
    auth = authorization ? std::optional<std::string>(*authorization) : std::nullopt;
    return Answer(200, "token");
  }
  DemoIdpResponse UserInfo(std::optional<std::string_view> authorization) override {
    auth = authorization ? std::optional<std::string>(*authorization) : std::nullopt;
    return Answer(401, "userinfo");
  }

  DemoIdpParams params;
  std::optional<std::string> auth;

 private:
  static DemoIdpResponse Answer(int status, std::string body) {
    DemoIdpResponse r;
    r.status = status;
    r.content_type = "application/x-test";
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
};

class DemoIdpRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override { AddDemoIdpRoutes(router_, service_); }

  HttpResponse Call(const std::string& method, const std::string& target, std::string body = {},
                    Headers headers = {}) {
    auto request = HttpRequest::FromTarget(method, target);
    EXPECT_TRUE(request.has_value()) << target;
    if (!request) return HttpResponse::Empty(0);
    request->body = std::move(body);
    request->headers = std::move(headers);
    return router_.Handle(*request);
  }

  static Headers Form(std::optional<std::string> authorization = std::nullopt) {
    Headers h{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    if (authorization) h.Add("Authorization", *authorization);
    return h;
  }

  std::shared_ptr<RecordingService> service_ = std::make_shared<RecordingService>();
  Router router_;
};

TEST_F(DemoIdpRoutesTest, ServesDiscoveryAndJwksUnderTheMountPath) {
  HttpResponse discovery = Call("GET", "/demo-idp/.well-known/openid-configuration");
  EXPECT_EQ(discovery.status, 200);
  EXPECT_EQ(discovery.body, "discovery");
  EXPECT_EQ(discovery.headers.Get("Content-Type"), "application/x-test");
  EXPECT_EQ(discovery.headers.Get("Cache-Control"), "no-store");
  EXPECT_EQ(Call("GET", "/demo-idp/jwks").body, "jwks");
}

TEST_F(DemoIdpRoutesTest, PassesTheDecodedQueryToTheAuthorizePage) {
  HttpResponse page =
      Call("GET", "/demo-idp/authorize?client_id=web&state=a%26b+c&redirect_uri=http%3A%2F%2Frp");
  EXPECT_EQ(page.body, "page");
  DemoIdpParams expected{{"client_id", "web"}, {"state", "a&b c"}, {"redirect_uri", "http://rp"}};
  EXPECT_EQ(service_->params, expected);
}

TEST_F(DemoIdpRoutesTest, PostedChooserFormRedirects) {
  HttpResponse r =
      Call("POST", "/demo-idp/authorize", "request=r1&csrf=t%2B1&citizen=demo-1", Form());
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.headers.Get("Location"), "http://rp.test/cb?code=c&state=s");
  DemoIdpParams expected{{"request", "r1"}, {"csrf", "t+1"}, {"citizen", "demo-1"}};
  EXPECT_EQ(service_->params, expected);

  HttpResponse not_a_form =
      Call("POST", "/demo-idp/authorize", "{}", Headers{{"Content-Type", "application/json"}});
  EXPECT_EQ(not_a_form.status, 400);
}

TEST_F(DemoIdpRoutesTest, TokenGetsTheFormAndTheAuthorizationHeader) {
  HttpResponse r = Call("POST", "/demo-idp/token", "grant_type=authorization_code&code=abc",
                        Form("Basic d2ViOnNlY3JldA=="));
  EXPECT_EQ(r.body, "token");
  EXPECT_EQ(service_->auth, "Basic d2ViOnNlY3JldA==");
  DemoIdpParams expected{{"grant_type", "authorization_code"}, {"code", "abc"}};
  EXPECT_EQ(service_->params, expected);
}

TEST_F(DemoIdpRoutesTest, TokenRefusesAnythingButAFormWithAnOAuthError) {
  HttpResponse r = Call("POST", "/demo-idp/token", R"({"grant_type":"authorization_code"})",
                        Headers{{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "invalid_request");
  EXPECT_EQ(r.headers.Get("Cache-Control"), "no-store");
  EXPECT_EQ(Call("GET", "/demo-idp/token").status, 405);
}

TEST_F(DemoIdpRoutesTest, UserInfoAcceptsGetAndPostWithTheBearerHeader) {
  HttpResponse get = Call("GET", "/demo-idp/userinfo", {}, Headers{{"Authorization", "Bearer t"}});
  EXPECT_EQ(get.status, 401);
  EXPECT_EQ(service_->auth, "Bearer t");
  Call("POST", "/demo-idp/userinfo", {}, Headers{});
  EXPECT_EQ(service_->auth, std::nullopt);
}

}  // namespace
}  // namespace sealpost::http
