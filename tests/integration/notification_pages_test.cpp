// The sender's in-app notifications over HTTP against the real binary in demo mode (PRODUCT
// §4.3): an event on an item the company sent shows up for its members as new, once per person;
// the submission itself is not news; a member without the read permission sees nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class NotificationPagesTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(NotificationPagesTest, AnEventOnASentItemIsNewOnceForEachPerson) {
  const std::string item_json =
      json{{"subject", "Herinnering factuur 2026-0042"},
           {"message", "Zie bijlage."},
           {"recipients", {{{"email", "nobody@example.be"}, {"name", "Nog Niet Geregistreerd"}}}}}
          .dump();
  Response submitted = client().Submit(sender(), item_json, {SmallPdf()});
  ASSERT_EQ(submitted.status, 201) << submitted.Describe();
  const std::string item_id = submitted.Json()["id"];

  BrowserSession emile = SignInAsDemoCitizen(client(), "85.07.30-033.28");
  ActForCompany(client(), emile, "Demo Sender NV");
  BrowserSession an = SignInAsDemoCitizen(client(), "03.02.14-124.47");
  ActForCompany(client(), an, "Demo Sender NV");

  // The submission is the sender's own doing: no news yet.
  Response before = emile.Get(client(), "/notifications?lang=en");
  ASSERT_EQ(before.status, 200) << before.Describe();
  EXPECT_THAT(before.body, Not(HasSubstr("Herinnering factuur 2026-0042")));

  // The mail job notifies the recipient: that is news for every member who follows the items.
  WaitForEvent(item_id, sender(), "NotificationForAcceptance");
  Response first = emile.Get(client(), "/notifications?lang=en");
  ASSERT_EQ(first.status, 200);
  EXPECT_THAT(first.body, HasSubstr("Herinnering factuur 2026-0042"));
  EXPECT_THAT(first.body, HasSubstr("Recipient notified and invited to accept the item"));
  EXPECT_THAT(first.body, HasSubstr("Nog Niet Geregistreerd"));
  EXPECT_THAT(first.body, HasSubstr("1 new event since your last visit."));
  EXPECT_THAT(first.body, HasSubstr("href=\"/outbox/" + item_id + "\""));

  // Seen by Émile: no longer new for him, still new for An.
  Response again = emile.Get(client(), "/notifications?lang=en");
  EXPECT_THAT(again.body, HasSubstr("Nothing new since your last visit."));
  EXPECT_THAT(again.body, HasSubstr("Herinnering factuur 2026-0042"));
  EXPECT_THAT(an.Get(client(), "/notifications?lang=en").body,
              HasSubstr("1 new event since your last visit."));

  // Jan, of the recipient company, does not see the sender's events.
  BrowserSession jan = SignInAsDemoCitizen(client(), "90.01.01-319.93");
  ActForCompany(client(), jan, "Demo Recipient BV");
  EXPECT_THAT(jan.Get(client(), "/notifications?lang=en").body,
              Not(HasSubstr("Herinnering factuur 2026-0042")));
}

}  // namespace
}  // namespace sealpost::integration
