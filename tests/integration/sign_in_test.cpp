// Sign-in in the browser through the built-in demo OpenID Provider: the same relying-party code
// path as itsme, driven over real HTTP against the real binary (the server talks to its own
// /demo-idp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SignInTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  Response Get(const std::string& path, const std::string& cookie) {
    std::vector<std::string> headers;
    if (!cookie.empty()) headers.push_back("Cookie: sealpost_session=" + cookie);
    return client().Raw("GET", path, "", "", headers);
  }
  Response PostForm(const std::string& path, const std::string& cookie, const std::string& form) {
    std::vector<std::string> headers = {"Content-Type: application/x-www-form-urlencoded"};
    if (!cookie.empty()) headers.push_back("Cookie: sealpost_session=" + cookie);
    return client().Raw("POST", path, "", form, headers);
  }

  struct Flow {
    std::string first_cookie;
    std::string callback_path;
  };
  // Up to the provider's redirect back to sealpost (not followed).
  Flow ToCallback() {
    Flow flow;
    Response start = Get("/sign-in/demo", "");
    EXPECT_EQ(start.status, 302) << start.Describe();
    flow.first_cookie = CookieFrom(start);
    EXPECT_FALSE(flow.first_cookie.empty());
    EXPECT_THAT(start.Header("set-cookie"), HasSubstr("HttpOnly"));
    EXPECT_THAT(start.Header("set-cookie"), HasSubstr("SameSite=Lax"));
    EXPECT_THAT(start.Header("location"), HasSubstr("code_challenge_method=S256"));
    Response page = Get(PathOf(start.Header("location")), "");
    EXPECT_EQ(page.status, 200) << page.Describe();
    EXPECT_THAT(page.body, HasSubstr("DEMO"));
    std::string form = "request=" + FormValue(page.body, "request") +
                       "&csrf=" + FormValue(page.body, "csrf") +
                       "&citizen=" + FormValue(page.body, "citizen");
    Response chosen = PostForm("/demo-idp/authorize", "", form);
    EXPECT_EQ(chosen.status, 302) << chosen.Describe();
    flow.callback_path = PathOf(chosen.Header("location"));
    EXPECT_THAT(flow.callback_path, HasSubstr("/auth/callback/demo?code="));
    return flow;
  }
};

TEST_F(SignInTest, DemoCitizenSignsInAndTheSessionIdChanges) {
  Response choice = Get("/sign-in", "");
  EXPECT_EQ(choice.status, 200);
  EXPECT_THAT(choice.body, HasSubstr("/sign-in/demo"));

  Flow flow = ToCallback();
  Response callback = Get(flow.callback_path, flow.first_cookie);
  ASSERT_EQ(callback.status, 302) << callback.Describe();
  EXPECT_EQ(callback.Header("location"), "/");
  const std::string signed_in_cookie = CookieFrom(callback);
  ASSERT_FALSE(signed_in_cookie.empty());
  EXPECT_NE(signed_in_cookie, flow.first_cookie) << "the session id must change at sign-in";

  Response home = Get("/", signed_in_cookie);
  EXPECT_EQ(home.status, 200);
  EXPECT_THAT(home.body, HasSubstr("Signed in as"));
  EXPECT_THAT(home.body, HasSubstr("http://eidas.europa.eu/LoA/high"));
  EXPECT_THAT(Get("/", flow.first_cookie).body, Not(HasSubstr("Signed in as")));
}

TEST_F(SignInTest, ACallbackCannotBeReplayedOrUsedWithoutItsSession) {
  Flow flow = ToCallback();
  // Someone else's browser (no session, or another session) cannot complete it.
  Response foreign = Get(flow.callback_path, "");
  EXPECT_EQ(foreign.status, 400);
  Response other_session = Get(flow.callback_path, CookieFrom(Get("/sign-in/demo", "")));
  EXPECT_EQ(other_session.status, 401);
  EXPECT_TRUE(CookieFrom(other_session).empty());

  Response first = Get(flow.callback_path, flow.first_cookie);
  ASSERT_EQ(first.status, 302) << first.Describe();
  Response replay = Get(flow.callback_path, CookieFrom(first));
  EXPECT_EQ(replay.status, 401) << "a used state or code must not sign in again";
  EXPECT_TRUE(CookieFrom(replay).empty());
}

TEST_F(SignInTest, SignOutNeedsTheFormTokenAndEndsTheSession) {
  Flow flow = ToCallback();
  const std::string cookie = CookieFrom(Get(flow.callback_path, flow.first_cookie));
  ASSERT_FALSE(cookie.empty());
  Response home = Get("/", cookie);
  const std::string csrf = FormValue(home.body, "csrf");
  ASSERT_FALSE(csrf.empty());

  EXPECT_EQ(PostForm("/sign-out", cookie, "csrf=forged").status, 403);
  EXPECT_THAT(Get("/", cookie).body, HasSubstr("Signed in as"));

  Response out = PostForm("/sign-out", cookie, "csrf=" + csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_THAT(out.Header("set-cookie"), HasSubstr("Max-Age=0"));
  EXPECT_THAT(Get("/", cookie).body, Not(HasSubstr("Signed in as")));
}

}  // namespace
}  // namespace sealpost::integration
