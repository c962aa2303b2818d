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
    std::string return_cookie;  // "sealpost_return=/account"
  };
  // Up to the provider's redirect back to sealpost (not followed): the sign-in page starts an
  // anonymous session whose CSRF token the form carries.
  Flow ToCallback() {
    Flow flow;
    Response choice = Get("/sign-in", "");
    EXPECT_EQ(choice.status, 200) << choice.Describe();
    flow.first_cookie = CookieFrom(choice);
    EXPECT_FALSE(flow.first_cookie.empty());
    EXPECT_THAT(choice.Header("set-cookie"), HasSubstr("HttpOnly"));
    EXPECT_THAT(choice.Header("set-cookie"), HasSubstr("SameSite=Lax"));
    EXPECT_THAT(choice.body, HasSubstr("action=\"/sign-in/demo\""));
    Response start = PostForm("/sign-in/demo", flow.first_cookie,
                              "csrf=" + FormValue(choice.body, "csrf") + "&return_to=%2Faccount");
    EXPECT_EQ(start.status, 302) << start.Describe();
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
    flow.return_cookie = ReturnCookieOf(start);
    return flow;
  }

  static std::string ReturnCookieOf(const Response& r) {
    const std::string header = r.Header("set-cookie");
    const auto at = header.find("sealpost_return=");
    if (at == std::string::npos) return {};
    const auto end = header.find(';', at);
    return header.substr(at, end - at);
  }
  // The callback as the browser sends it: the session cookie and the return-to cookie.
  Response Callback(const Flow& flow, const std::string& cookie) {
    std::vector<std::string> headers;
    std::string cookies = flow.return_cookie;
    if (!cookie.empty()) cookies += (cookies.empty() ? "" : "; ") + ("sealpost_session=" + cookie);
    if (!cookies.empty()) headers.push_back("Cookie: " + cookies);
    return client().Raw("GET", flow.callback_path, "", "", headers);
  }
};

TEST_F(SignInTest, DemoCitizenSignsInAndTheSessionIdChanges) {
  Flow flow = ToCallback();
  EXPECT_EQ(flow.return_cookie, "sealpost_return=/account");
  Response callback = Callback(flow, flow.first_cookie);
  ASSERT_EQ(callback.status, 302) << callback.Describe();
  EXPECT_EQ(callback.Header("location"), "/account");
  const std::string signed_in_cookie = CookieFrom(callback);
  ASSERT_FALSE(signed_in_cookie.empty());
  EXPECT_NE(signed_in_cookie, flow.first_cookie) << "the session id must change at sign-in";

  // Signed in, the home page leads to the account page, which names the person and the level
  // of assurance in the visitor's language.
  Response home = Get("/", signed_in_cookie);
  EXPECT_EQ(home.status, 303);
  EXPECT_EQ(home.Header("location"), "/account");
  Response account = Get("/account?lang=en", signed_in_cookie);
  EXPECT_EQ(account.status, 200) << account.Describe();
  EXPECT_THAT(account.body, HasSubstr("Émile Dupont-Lefèvre"));
  EXPECT_THAT(account.body, HasSubstr("high (eIDAS)"));
  EXPECT_THAT(account.body, HasSubstr("lang=\"en\""));
  Response dutch = Get("/account?lang=nl", signed_in_cookie);
  EXPECT_THAT(dutch.body, HasSubstr("hoog (eIDAS)"));
  EXPECT_THAT(dutch.Header("set-cookie"), HasSubstr("sealpost_lang=nl"));
  // The pre-sign-in session is not signed in.
  EXPECT_EQ(Get("/account", flow.first_cookie).status, 303);
  EXPECT_EQ(Get("/", flow.first_cookie).status, 200);
}

TEST_F(SignInTest, SignInStartsOnlyFromItsOwnForm) {
  Response choice = Get("/sign-in", "");
  const std::string cookie = CookieFrom(choice);
  ASSERT_FALSE(cookie.empty());
  // Another site can make a browser post, but cannot know the token.
  EXPECT_EQ(PostForm("/sign-in/demo", cookie, "csrf=forged").status, 403);
  EXPECT_EQ(PostForm("/sign-in/demo", "", "csrf=" + FormValue(choice.body, "csrf")).status, 403);
  EXPECT_EQ(PostForm("/sign-in/nobody", cookie, "csrf=" + FormValue(choice.body, "csrf")).status,
            404);
  // A return address that leaves the site is replaced by the account page.
  Response start = PostForm(
      "/sign-in/demo", cookie,
      "csrf=" + FormValue(choice.body, "csrf") + "&return_to=https%3A%2F%2Fevil.example%2F");
  EXPECT_EQ(start.status, 302);
  EXPECT_THAT(start.Header("set-cookie"), HasSubstr("sealpost_return=/account;"));
}

TEST_F(SignInTest, ACallbackCannotBeReplayedOrUsedWithoutItsSession) {
  Flow flow = ToCallback();
  // Someone else's browser (no session, or another session) cannot complete it.
  Response foreign = Callback(flow, "");
  EXPECT_EQ(foreign.status, 400);
  Response other_session = Callback(flow, CookieFrom(Get("/sign-in", "")));
  EXPECT_EQ(other_session.status, 401);
  EXPECT_THAT(other_session.Header("set-cookie"), Not(HasSubstr("sealpost_session")));

  Response first = Callback(flow, flow.first_cookie);
  ASSERT_EQ(first.status, 302) << first.Describe();
  Response replay = Callback(flow, CookieFrom(first));
  EXPECT_EQ(replay.status, 401) << "a used state or code must not sign in again";
  EXPECT_THAT(replay.Header("set-cookie"), Not(HasSubstr("sealpost_session")));
}

TEST_F(SignInTest, SignOutNeedsTheFormTokenAndEndsTheSession) {
  Flow flow = ToCallback();
  const std::string cookie = CookieFrom(Callback(flow, flow.first_cookie));
  ASSERT_FALSE(cookie.empty());
  Response account = Get("/account", cookie);
  const std::string csrf = FormValue(account.body, "csrf");
  ASSERT_FALSE(csrf.empty());

  EXPECT_EQ(PostForm("/sign-out", cookie, "csrf=forged").status, 403);
  EXPECT_EQ(Get("/account", cookie).status, 200);

  Response out = PostForm("/sign-out", cookie, "csrf=" + csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_THAT(out.Header("set-cookie"), HasSubstr("Max-Age=0"));
  EXPECT_EQ(Get("/account", cookie).status, 303) << "signed out: back to sign-in";
}

}  // namespace
}  // namespace sealpost::integration
