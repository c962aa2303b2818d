// Registering as a recipient over HTTP against the real binary in demo mode (PRODUCT §4.2 A): a
// person gives consent and names an address, confirms it through the link of the e-mail, and from
// then on items addressed to that address and name land in their inbox (procedure A); revoking
// the consent sends new items back to procedure B (acceptance first). Bad input changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class RecipientRegistrationTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  // The state of the only delivery of an item sent by the demo sender to `email` and `name`.
  std::string StateOfNewDeliveryTo(const std::string& email, const std::string& name) {
    const std::string item_json = json{{"subject", "Opzegging huurovereenkomst"},
                                       {"message", "Zie bijlage."},
                                       {"recipients", {{{"email", email}, {"name", name}}}}}
                                      .dump();
    Response submitted = client().Submit(sender(), item_json, {SmallPdf()});
    EXPECT_EQ(submitted.status, 201) << submitted.Describe();
    if (submitted.status != 201) return "";
    return submitted.Json()["deliveries"][0]["state"];
  }

  static std::string VerificationPath(const std::string& mail) {
    std::smatch link;
    if (!std::regex_search(mail, link, std::regex(R"((/recipient/verify/[A-Za-z0-9_\-]{20,}))"))) {
      return "";
    }
    return link[1];
  }
};

TEST_F(RecipientRegistrationTest, ConfirmedAddressRoutesItemsToTheInboxUntilConsentIsRevoked) {
  const std::string address = "juergen@example.de";
  // Not registered: an item to Jürgen needs his acceptance first.
  EXPECT_EQ(StateOfNewDeliveryTo(address, "Jürgen Müller"), "accepted");

  BrowserSession juergen = SignInAsDemoCitizen(client(), "62.11.03-157.65");
  Response page = juergen.Get(client(), "/account/recipient?lang=en");
  ASSERT_EQ(page.status, 200) << page.Describe();
  EXPECT_THAT(page.body, HasSubstr("You are not registered as a recipient."));
  const std::string csrf = FormValue(page.body, "csrf");

  // Without consent: refused next to the field, the address kept, no e-mail.
  Response no_consent = juergen.PostForm(client(), "/account/recipient?lang=en",
                                         "csrf=" + csrf + "&email=" + address);
  EXPECT_EQ(no_consent.status, 400);
  EXPECT_THAT(no_consent.body, HasSubstr("Tick the box to give your consent"));
  EXPECT_THAT(no_consent.body, HasSubstr("value=\"" + address + "\""));
  // Not an address: refused next to the field, the input kept.
  Response not_an_address = juergen.PostForm(client(), "/account/recipient?lang=en",
                                             "csrf=" + csrf + "&email=juergen&consent=yes");
  EXPECT_EQ(not_an_address.status, 400);
  EXPECT_THAT(not_an_address.body, HasSubstr("Enter a valid e-mail address"));
  EXPECT_THAT(not_an_address.body, HasSubstr("value=\"juergen\""));
  // A forged form changes nothing either.
  EXPECT_EQ(
      juergen
          .PostForm(client(), "/account/recipient", "csrf=forged&email=" + address + "&consent=yes")
          .status,
      403);

  Response registered = juergen.PostForm(client(), "/account/recipient",
                                         "csrf=" + csrf + "&email=" + address + "&consent=yes");
  ASSERT_EQ(registered.status, 303) << registered.Describe();
  // Until the address is confirmed, nothing changes for senders.
  EXPECT_EQ(StateOfNewDeliveryTo(address, "Jürgen Müller"), "accepted");

  const std::string path = VerificationPath(MailTo(address, "/recipient/verify/"));
  ASSERT_FALSE(path.empty());
  // Opening the link (as a mail scanner would) only shows the confirm button.
  Response confirm_page = client().Raw("GET", path + "?lang=en", "", "", {});
  ASSERT_EQ(confirm_page.status, 200) << confirm_page.Describe();
  EXPECT_EQ(StateOfNewDeliveryTo(address, "Jürgen Müller"), "accepted");
  // The confirmation works from any browser holding the link (here an anonymous one).
  BrowserSession anonymous{CookieFrom(confirm_page), ""};
  Response confirmed = anonymous.PostForm(client(), path + "?lang=en",
                                          "csrf=" + FormValue(confirm_page.body, "csrf"));
  ASSERT_EQ(confirmed.status, 200) << confirmed.Describe();
  EXPECT_THAT(confirmed.body, HasSubstr("Your address " + address + " is confirmed."));
  EXPECT_THAT(confirmed.body, HasSubstr("From now on you receive registered items"));
  // The link works once.
  EXPECT_EQ(
      anonymous.PostForm(client(), path, "csrf=" + FormValue(confirm_page.body, "csrf")).status,
      410);
  // A guessed link is not found, even with a valid form token.
  EXPECT_EQ(anonymous
                .PostForm(client(), "/recipient/verify/guessed-token-that-does-not-exist",
                          "csrf=" + FormValue(confirm_page.body, "csrf"))
                .status,
            404);

  // Registered: the consent shows who gave it; a new item to the address and name goes to the
  // inbox directly (procedure A). The name must still match: the address alone is not enough.
  page = juergen.Get(client(), "/account/recipient?lang=en");
  EXPECT_THAT(page.body, HasSubstr("You receive registered items electronically."));
  EXPECT_THAT(page.body, HasSubstr("Jürgen Müller (62.11.03-157.65)"));
  EXPECT_EQ(StateOfNewDeliveryTo(address, "Jürgen Müller"), "consigned");
  EXPECT_EQ(StateOfNewDeliveryTo("JUERGEN@example.de", "Jurgen Muller"), "consigned");
  EXPECT_EQ(StateOfNewDeliveryTo(address, "Someone Else"), "accepted");

  // Revoked: new items need acceptance again.
  Response revoked = juergen.PostForm(client(), "/account/recipient/revoke",
                                      "csrf=" + FormValue(page.body, "csrf"));
  ASSERT_EQ(revoked.status, 303) << revoked.Describe();
  page = juergen.Get(client(), "/account/recipient?lang=en");
  EXPECT_THAT(page.body, HasSubstr("You are not registered as a recipient."));
  EXPECT_EQ(StateOfNewDeliveryTo(address, "Jürgen Müller"), "accepted");
}

TEST_F(RecipientRegistrationTest, ACompanyIsRegisteredByItsAdminOnly) {
  // An Peeters is a sender, not an admin, of Demo Sender NV.
  BrowserSession an = SignInAsDemoCitizen(client(), "03.02.14-124.47");
  ActForCompany(client(), an, "Demo Sender NV");
  EXPECT_EQ(an.Get(client(), "/account/recipient").status, 403);

  BrowserSession emile = SignInAsDemoCitizen(client(), "85.07.30-033.28");
  ActForCompany(client(), emile, "Demo Sender NV");
  Response page = emile.Get(client(), "/account/recipient?lang=en");
  ASSERT_EQ(page.status, 200) << page.Describe();
  Response registered = emile.PostForm(
      client(), "/account/recipient",
      "csrf=" + FormValue(page.body, "csrf") + "&email=legal@demo-sender.example&consent=yes");
  ASSERT_EQ(registered.status, 303) << registered.Describe();
  const std::string path = VerificationPath(MailTo("legal@demo-sender.example", "/recipient/"));
  ASSERT_FALSE(path.empty());
  Response confirm_page = client().Raw("GET", path, "", "", emile.Headers(false));
  Response confirmed =
      emile.PostForm(client(), path, "csrf=" + FormValue(confirm_page.body, "csrf"));
  ASSERT_EQ(confirmed.status, 200) << confirmed.Describe();
  EXPECT_EQ(StateOfNewDeliveryTo("legal@demo-sender.example", "Demo Sender NV"), "consigned");
  page = emile.Get(client(), "/account/recipient?lang=en");
  EXPECT_THAT(page.body, HasSubstr("Émile Dupont-Lefèvre (85.07.30-033.28)"));
  EXPECT_THAT(page.body, Not(HasSubstr("You are not registered")));
}

}  // namespace
}  // namespace sealpost::integration
