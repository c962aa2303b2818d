// Procedure B over HTTP against the real binary in demo mode (PRODUCT §4.2): the sender submits
// to a person who is not registered; the notification e-mail arrives in the demo mail viewer
// (no subject in it); the link's page shows the sender and the deadline; another person is
// refused; the named person signs in, accepts, opens the item (proof of receipt); the sender sees
// every event and is told by e-mail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class RecipientProcedureTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }

  Response Get(const BrowserSession& s, const std::string& path) { return s.Get(client(), path); }
  Response Post(const BrowserSession& s, const std::string& path, const std::string& form) {
    return s.PostForm(client(), path, form);
  }
};

TEST_F(RecipientProcedureTest, TheNamedPersonAcceptsThroughTheLinkAndOpensTheItem) {
  // Jürgen Müller (a demo citizen) is not registered as a recipient.
  const std::string item_json = json{
      {"subject", "Ingebrekestelling 2026-117"},
      {"message", "Zie bijlage."},
      {"language", "nl"},
      {"recipients",
       {{{"email", "juergen@example.de"},
         {"name", "Jürgen Müller"},
         {"national_number", "62.11.03-157.65"},
         {"language", "de"}}}}}.dump();
  Response submitted = client().Submit(sender(), item_json, {SmallPdf()});
  ASSERT_EQ(submitted.status, 201) << submitted.Describe();
  const std::string item_id = submitted.Json()["id"];
  const std::string delivery_id = submitted.Json()["deliveries"][0]["id"];

  // The notification, in German, with the link and without the subject.
  const std::string mail = MailTo("juergen@example.de", "/d/");
  EXPECT_THAT(mail, HasSubstr("Demo Sender NV"));
  EXPECT_THAT(mail, Not(HasSubstr("Ingebrekestelling")));
  std::smatch link;
  ASSERT_TRUE(std::regex_search(mail, link, std::regex(R"((/d/[A-Za-z0-9_\-]{20,}))")));
  const std::string path = link[1];

  Response anonymous = client().Raw("GET", path + "?lang=en", "", "", {});
  ASSERT_EQ(anonymous.status, 200) << anonymous.Describe();
  EXPECT_THAT(anonymous.body, HasSubstr("Demo Sender NV"));
  EXPECT_THAT(anonymous.body, Not(HasSubstr("Ingebrekestelling")));
  EXPECT_THAT(anonymous.body, HasSubstr("/sign-in?return_to=" + path));
  EXPECT_EQ(client().Raw("GET", "/d/guessed-token-that-does-not-exist", "", "", {}).status, 404);

  // Someone else signed in: refused, and nothing changes.
  BrowserSession an = SignInAsDemoCitizen(client(), "03.02.14-124.47");
  Response an_page = Get(an, path);
  const std::string an_csrf = FormValue(an_page.body, "csrf");
  ASSERT_FALSE(an_csrf.empty()) << an_page.Describe();
  EXPECT_EQ(Post(an, path + "/accept", "csrf=" + an_csrf).status, 403);
  EXPECT_EQ(Post(an, path + "/accept", "csrf=forged").status, 403);
  EXPECT_EQ(EvidenceEvents(item_id, sender()).size(), 2u);

  // The named person accepts.
  BrowserSession juergen = SignInAsDemoCitizen(client(), "62.11.03-157.65");
  const std::string csrf = FormValue(Get(juergen, path).body, "csrf");
  Response accepted = Post(juergen, path + "/accept", "csrf=" + csrf);
  ASSERT_EQ(accepted.status, 303) << accepted.Describe();
  Response after = Get(juergen, path + "?lang=en");
  EXPECT_THAT(after.body, HasSubstr("You accepted this item."));
  EXPECT_THAT(after.body, HasSubstr("/inbox/" + delivery_id));
  EXPECT_EQ(Post(juergen, path + "/refuse", "csrf=" + csrf).status, 409) << "a link decides once";

  // Opening it (through the API, with the session) is the proof of receipt.
  Response content = client().Raw("GET", "/api/v1/deliveries/" + delivery_id + "/content", "", "",
                                  juergen.Headers(false));
  ASSERT_EQ(content.status, 200) << content.Describe();
  EXPECT_EQ(content.Json()["subject"], "Ingebrekestelling 2026-117");
  EXPECT_EQ(EvidenceEvents(item_id, sender()),
            (std::vector<std::string>{"SubmissionAcceptance", "NotificationForAcceptance",
                                      "ConsignmentAcceptance", "ContentHandover"}));

  // The sender is told, in the item's language (Dutch), with a link to the item.
  const std::string told = MailTo("sender@demo.sealpost.test", "/outbox/" + item_id);
  EXPECT_THAT(told, HasSubstr("Jürgen Müller"));
}

}  // namespace
}  // namespace sealpost::integration
