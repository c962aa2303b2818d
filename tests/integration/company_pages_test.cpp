// The company details page over HTTP against the real binary in demo mode (issue 4): every member
// sees the company's registered facts; only an admin changes the notification address (a wrong
// one is refused next to the field, the input kept); a personal account has no company page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CompanyPagesTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(CompanyPagesTest, MembersSeeTheFactsAndOnlyAdminsChangeTheAddress) {
  BrowserSession emile = SignInAsDemoCitizen(client(), "85.07.30-033.28");
  ActForCompany(client(), emile, "Demo Sender NV");
  Response page = emile.Get(client(), "/account/company?lang=en");
  ASSERT_EQ(page.status, 200) << page.Describe();
  EXPECT_THAT(page.body, HasSubstr("0403.019.261"));
  EXPECT_THAT(page.body, HasSubstr("BE0403019261"));
  EXPECT_THAT(page.body, HasSubstr("sender@demo.sealpost.test"));
  EXPECT_THAT(page.body, HasSubstr("the company can send registered items"));
  const std::string csrf = FormValue(page.body, "csrf");

  Response wrong =
      emile.PostForm(client(), "/account/company/email?lang=en", "csrf=" + csrf + "&email=legal");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_THAT(wrong.body, HasSubstr("Enter a valid e-mail address"));
  EXPECT_THAT(wrong.body, HasSubstr("value=\"legal\""));
  EXPECT_THAT(wrong.body, HasSubstr("aria-invalid=\"true\""));

  Response saved = emile.PostForm(client(), "/account/company/email",
                                  "csrf=" + csrf + "&email=legal%40demo-sender.example");
  ASSERT_EQ(saved.status, 303) << saved.Describe();
  EXPECT_THAT(emile.Get(client(), "/account/company?lang=en").body,
              HasSubstr("legal@demo-sender.example"));

  // An Peeters is a sender of the same company: she sees the facts, not the form.
  BrowserSession an = SignInAsDemoCitizen(client(), "03.02.14-124.47");
  ActForCompany(client(), an, "Demo Sender NV");
  Response an_page = an.Get(client(), "/account/company?lang=en");
  ASSERT_EQ(an_page.status, 200);
  EXPECT_THAT(an_page.body, HasSubstr("legal@demo-sender.example"));
  EXPECT_THAT(an_page.body, Not(HasSubstr("action=\"/account/company/email\"")));
  EXPECT_EQ(an.PostForm(client(), "/account/company/email",
                        "csrf=" + FormValue(an_page.body, "csrf") + "&email=a%40b.be")
                .status,
            403);
  EXPECT_THAT(an.Get(client(), "/account/company?lang=en").body,
              HasSubstr("legal@demo-sender.example"));

  // Jürgen acts for his personal account: there is no company to show.
  BrowserSession juergen = SignInAsDemoCitizen(client(), "62.11.03-157.65");
  EXPECT_EQ(juergen.Get(client(), "/account/company").status, 404);
}

}  // namespace
}  // namespace sealpost::integration
