// The operator's back office over HTTP against the real binary in demo mode (PRODUCT §8): only an
// operator reaches it (others get the plain 404, anonymous visitors the sign-in); accounts are
// found by name or enterprise number as printed; an account shows its members; the audit log
// shows what customers did, filtered by account and action.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSophie = "78.05.22-246.88";  // the demo operator
constexpr const char* kEmile = "85.07.30-033.28";   // admin of Demo Sender NV

class OperatorPagesTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(OperatorPagesTest, OnlyOperatorsReachTheBackOffice) {
  for (const std::string path : {"/operator", "/operator/accounts", "/operator/audit"}) {
    Response anonymous = client().Raw("GET", path, "", "", {});
    EXPECT_EQ(anonymous.status, 303) << path;
    EXPECT_EQ(anonymous.Header("location"), "/sign-in?return_to=" + path);
  }
  BrowserSession emile = SignInAsDemoCitizen(client(), kEmile);
  for (const std::string path : {"/operator", "/operator/accounts?q=demo", "/operator/audit"}) {
    Response customer = emile.Get(client(), path);
    EXPECT_EQ(customer.status, 404) << path;
    EXPECT_THAT(customer.body, Not(HasSubstr("Back office"))) << path;
  }
  EXPECT_THAT(emile.Get(client(), "/account?lang=en").body, Not(HasSubstr("href=\"/operator\"")));

  BrowserSession sophie = SignInAsDemoCitizen(client(), kSophie);
  Response home = sophie.Get(client(), "/operator?lang=en");
  ASSERT_EQ(home.status, 200) << home.Describe();
  EXPECT_THAT(home.body, HasSubstr("Evidence records in the log"));
  EXPECT_THAT(home.body, HasSubstr("href=\"/operator\""));  // the navigation shows the way back
}

TEST_F(OperatorPagesTest, AccountsAreFoundAndShowTheirMembersAndAudit) {
  // Émile does something audited: he registers Demo Sender NV as a recipient.
  BrowserSession emile = SignInAsDemoCitizen(client(), kEmile);
  const std::string company_id = ActForCompany(client(), emile, "Demo Sender NV");
  Response page = emile.Get(client(), "/account/recipient");
  ASSERT_EQ(emile
                .PostForm(client(), "/account/recipient",
                          "csrf=" + FormValue(page.body, "csrf") +
                              "&email=legal%40demo-sender.example&consent=yes")
                .status,
            303);

  BrowserSession sophie = SignInAsDemoCitizen(client(), kSophie);
  Response by_number = sophie.Get(client(), "/operator/accounts?lang=en&q=0403.019.261");
  ASSERT_EQ(by_number.status, 200) << by_number.Describe();
  EXPECT_THAT(by_number.body, HasSubstr("Demo Sender NV"));
  EXPECT_THAT(by_number.body, Not(HasSubstr("Demo Recipient BV")));
  EXPECT_THAT(by_number.body, HasSubstr("href=\"/operator/accounts/" + company_id + "\""));
  Response by_name = sophie.Get(client(), "/operator/accounts?lang=en&q=RECIPIENT");
  EXPECT_THAT(by_name.body, HasSubstr("Demo Recipient BV"));
  EXPECT_THAT(by_name.body, Not(HasSubstr("Demo Sender NV")));
  EXPECT_THAT(sophie.Get(client(), "/operator/accounts?lang=en&q=nobody-matches-this").body,
              HasSubstr("No account matches."));

  Response account = sophie.Get(client(), "/operator/accounts/" + company_id + "?lang=en");
  ASSERT_EQ(account.status, 200) << account.Describe();
  EXPECT_THAT(account.body, HasSubstr("0403.019.261"));
  EXPECT_THAT(account.body, HasSubstr("Émile Dupont-Lefèvre"));
  EXPECT_THAT(account.body, HasSubstr("An Peeters"));
  EXPECT_THAT(account.body, HasSubstr("recipient.address_requested"));
  EXPECT_EQ(sophie.Get(client(), "/operator/accounts/no-such-account").status, 404);

  Response audit =
      sophie.Get(client(), "/operator/audit?lang=en&action=recipient.&account=" + company_id);
  ASSERT_EQ(audit.status, 200) << audit.Describe();
  EXPECT_THAT(audit.body, HasSubstr("recipient.address_requested"));
  EXPECT_THAT(audit.body, HasSubstr("legal@demo-sender.example"));
  EXPECT_THAT(sophie.Get(client(), "/operator/audit?lang=en&action=api_key.").body,
              Not(HasSubstr("recipient.address_requested")));
  EXPECT_EQ(sophie.Get(client(), "/operator/audit?before=yesterday").status, 400);
}

}  // namespace
}  // namespace sealpost::integration
