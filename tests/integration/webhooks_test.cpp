// Webhooks end to end against the real binary in demo mode (PRODUCT §7, docs/api.md "Webhooks"):
// a company admin registers an endpoint pointing at a receiver run by this test; the demo sender's
// API key submits an item; the receiver gets SubmissionAcceptance and the later events, each
// signed as documented (checked with `openssl dgst`, not sealpost's code); a failing receiver is
// retried and every attempt is listed; a test event, a replay and a secret rotation (both v1
// during the overlap) work as described; private addresses and API keys cannot register.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"
#include "integration/webhook_receiver.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kEmile = "85.07.30-033.28";  // admin of Demo Sender NV

class WebhooksTest : public IntegrationTest {
 protected:
  void SetUp() override {
    const auto config = work_dir() / "sealpost.toml";
    // Retries after 1–2 s instead of 30 s and more, so the test sees them.
    WriteFile(config,
              "[webhooks]\nbackoff_base_seconds = 1\nmax_backoff_seconds = 2\n"
              "send_interval_seconds = 1\n");
    ASSERT_NO_FATAL_FAILURE(StartServer({"--config", config.string()}));
    admin_ = SignInAsDemoCitizen(client(), kEmile);
    ActForCompany(client(), admin_, "Demo Sender NV");
  }

  Response AsAdmin(const std::string& method, const std::string& path, const json& body = nullptr) {
    std::vector<std::string> headers = admin_.Headers(method != "GET");
    headers.push_back("Content-Type: application/json");
    return client().Raw(method, path, "", body.is_null() ? "" : body.dump(), headers);
  }

  Response AsKey(const std::string& method, const std::string& path, const json& body = nullptr) {
    return client().Raw(method, path, sender(), body.is_null() ? "" : body.dump(),
                        {"Content-Type: application/json"});
  }

  // The v1 values and t of a Sealpost-Signature header.
  static std::pair<std::string, std::vector<std::string>> ParseSignature(const std::string& h) {
    std::string t;
    std::vector<std::string> v1;
    std::regex part(R"((t|v1)=([^,]*))");
    for (std::sregex_iterator it(h.begin(), h.end(), part), end; it != end; ++it) {
      if ((*it)[1] == "t") t = (*it)[2];
      if ((*it)[1] == "v1") v1.push_back((*it)[2]);
    }
    return {t, v1};
  }

  // HMAC-SHA256 of "t.body" with `secret`, computed by the openssl command line.
  std::string OpensslSignature(const std::string& secret, const std::string& t,
                               const std::string& body) {
    const auto file = work_dir() / "signed-payload";
    WriteFile(file, t + "." + body);
    auto result = RunCommand("openssl dgst -sha256 -hmac " + ShellQuote(secret) + " -r " +
                             ShellQuote(file.string()));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return result.output.substr(0, 64);
  }

  void ExpectSignedWith(const ReceivedRequest& r, const std::vector<std::string>& secrets) {
    const auto [t, v1] = ParseSignature(r.headers.at("sealpost-signature"));
    ASSERT_FALSE(t.empty()) << r.headers.at("sealpost-signature");
    const long long when = std::stoll(t);
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    EXPECT_LE(std::llabs(now - when), 60) << "t is the time of sending";
    ASSERT_EQ(v1.size(), secrets.size()) << r.headers.at("sealpost-signature");
    for (std::size_t i = 0; i < secrets.size(); ++i) {
      EXPECT_EQ(v1[i], OpensslSignature(secrets[i], t, r.body)) << "v1 #" << i;
    }
  }

  BrowserSession admin_;
  WebhookReceiver receiver_;
};

TEST_F(WebhooksTest, AnIntegratorReceivesSignedRetriedAndReplayableEvidenceEvents) {
  // Registering is for the admin, signed in; the secret is shown in that answer only.
  Response created = AsAdmin("POST", "/api/v1/webhooks",
                             {{"url", receiver_.url("/hooks/sealpost")}, {"description", "ERP"}});
  ASSERT_EQ(created.status, 201) << created.Describe();
  EXPECT_EQ(created.Header("cache-control"), "no-store");
  const std::string id = created.Json()["id"];
  const std::string secret = created.Json()["secret"];
  EXPECT_THAT(secret, ::testing::StartsWith("whsec_"));
  Response listed = AsKey("GET", "/api/v1/webhooks");
  ASSERT_EQ(listed.status, 200) << listed.Describe();
  ASSERT_EQ(listed.Json()["items"].size(), 1u);
  EXPECT_EQ(listed.Json()["items"][0]["url"], receiver_.url("/hooks/sealpost"));
  EXPECT_EQ(listed.body.find(secret), std::string::npos) << "the secret is never listed";

  // The receiver fails twice, then accepts.
  receiver_.Script({500, 503});
  const json item = SubmitToDemoRecipient("Webhook 1", SmallPdf());
  const std::string item_id = item["id"];
  auto accepted = receiver_.WaitFor([&](const ReceivedRequest& r) {
    const json body = json::parse(r.body, nullptr, false);
    return r.answered == 200 && body.is_object() && body["event"] == "SubmissionAcceptance" &&
           body["item_id"] == item_id;
  });
  ASSERT_TRUE(accepted.has_value()) << receiver_.Requests().size() << " requests received";
  auto consigned = receiver_.WaitFor([&](const ReceivedRequest& r) {
    return r.answered == 200 && r.body.find("\"ContentConsignment\"") != std::string::npos;
  });
  EXPECT_TRUE(consigned.has_value()) << "the later evidence follows";

  EXPECT_EQ(accepted->method, "POST");
  EXPECT_EQ(accepted->path, "/hooks/sealpost");
  EXPECT_EQ(accepted->headers["content-type"], "application/json");
  ExpectSignedWith(*accepted, {secret});
  const json event = json::parse(accepted->body);
  EXPECT_EQ(accepted->headers["sealpost-event-id"], event["id"]);
  EXPECT_EQ(event["id"], event["evidence_id"]);
  EXPECT_EQ(event["type"], "evidence");
  EXPECT_EQ(event["delivery_id"], item["deliveries"][0]["id"]);
  EXPECT_EQ(event["event_uri"], "http://uri.etsi.org/19522/Event/SubmissionAcceptance");
  // The link leads to the evidence itself.
  const std::string link = event["links"]["evidence"];
  ASSERT_THAT(link, HasSubstr("/api/v1/evidence/"));
  Response evidence = client().Get(link.substr(link.find("/api/v1/")), sender());
  EXPECT_EQ(evidence.status, 200) << evidence.Describe();
  EXPECT_THAT(evidence.body, HasSubstr("SubmissionAcceptance"));
  // Every request the receiver got carries a valid signature, failed ones too.
  for (const auto& r : receiver_.Requests()) ExpectSignedWith(r, {secret});

  // The attempts are visible: the first two requests were answered 500 and 503.
  Response deliveries = AsKey("GET", "/api/v1/webhooks/" + id + "/deliveries");
  ASSERT_EQ(deliveries.status, 200) << deliveries.Describe();
  const json delivery_list = deliveries.Json();
  std::vector<int> first_statuses;
  std::string acceptance_delivery;
  for (const auto& d : delivery_list["items"]) {
    if (d["event_id"] == event["id"]) acceptance_delivery = d["id"];
    for (const auto& a : d["attempts"]) {
      if (a["status_code"].is_number() && a["status_code"] != 200) {
        first_statuses.push_back(a["status_code"]);
        EXPECT_THAT(a["error"].get<std::string>(), HasSubstr("HTTP"));
      }
    }
    if (d["attempts"].size() > 1) {
      EXPECT_EQ(d["status"], "delivered") << d.dump();
      EXPECT_EQ(d["attempt_count"], d["attempts"].size());
    }
  }
  std::sort(first_statuses.begin(), first_statuses.end());
  EXPECT_EQ(first_statuses, (std::vector<int>{500, 503})) << deliveries.body;
  ASSERT_FALSE(acceptance_delivery.empty()) << deliveries.body;

  // A test event.
  Response test = AsKey("POST", "/api/v1/webhooks/" + id + "/test");
  ASSERT_EQ(test.status, 202) << test.Describe();
  EXPECT_EQ(test.Json()["event"], "Test");
  auto ping = receiver_.WaitFor([&](const ReceivedRequest& r) {
    return r.headers.count("sealpost-event-id") > 0 &&
           r.headers.at("sealpost-event-id") == test.Json()["event_id"];
  });
  ASSERT_TRUE(ping.has_value());
  ExpectSignedWith(*ping, {secret});

  // A replay sends the same event (same id, same bytes) once more.
  Response replay =
      AsKey("POST", "/api/v1/webhooks/" + id + "/deliveries/" + acceptance_delivery + "/replay");
  ASSERT_EQ(replay.status, 202) << replay.Describe();
  EXPECT_EQ(replay.Json()["replay_of"], acceptance_delivery);
  EXPECT_EQ(replay.Json()["event_id"], event["id"]);
  auto copies = [&] {
    std::size_t n = 0;
    for (const auto& r : receiver_.Requests()) n += r.body == accepted->body && r.answered == 200;
    return n;
  };
  EXPECT_TRUE(receiver_.WaitFor([&](const ReceivedRequest&) { return copies() >= 2; }));
  EXPECT_EQ(copies(), 2u);

  // Rotation: the new secret once; while the old one overlaps, both sign.
  EXPECT_EQ(AsKey("POST", "/api/v1/webhooks/" + id + "/rotate-secret").status, 403);
  Response rotated = AsAdmin("POST", "/api/v1/webhooks/" + id + "/rotate-secret");
  ASSERT_EQ(rotated.status, 200) << rotated.Describe();
  const std::string new_secret = rotated.Json()["secret"];
  EXPECT_NE(new_secret, secret);
  EXPECT_FALSE(rotated.Json()["previous_secret_until"].is_null());
  Response test2 = AsKey("POST", "/api/v1/webhooks/" + id + "/test");
  ASSERT_EQ(test2.status, 202);
  auto ping2 = receiver_.WaitFor([&](const ReceivedRequest& r) {
    return r.headers.count("sealpost-event-id") > 0 &&
           r.headers.at("sealpost-event-id") == test2.Json()["event_id"];
  });
  ASSERT_TRUE(ping2.has_value());
  ExpectSignedWith(*ping2, {new_secret, secret});

  // Deleting stops the events.
  EXPECT_EQ(AsKey("DELETE", "/api/v1/webhooks/" + id).status, 403);
  Response deleted = AsAdmin("DELETE", "/api/v1/webhooks/" + id);
  EXPECT_EQ(deleted.status, 204) << deleted.Describe();
  EXPECT_TRUE(AsKey("GET", "/api/v1/webhooks").Json()["items"].empty());
  ExpectProblem(AsKey("GET", "/api/v1/webhooks/" + id + "/deliveries"), 404);
}

TEST_F(WebhooksTest, PrivateAddressesAndApiKeysCannotRegister) {
  for (const char* url :
       {"https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hook",
        "https://[::ffff:192.168.0.1]/", "https://2130706433/", "http://0x7f000001/",
        "https://0xa9fea9fe/", "http://erp.example.be/hook", "https://user:pw@erp.example.be/"}) {
    Response refused = AsAdmin("POST", "/api/v1/webhooks", {{"url", url}});
    ExpectProblem(refused, 400);
    EXPECT_THAT(refused.Json()["detail"].get<std::string>(), HasSubstr("url")) << url;
  }
  ExpectProblem(AsAdmin("POST", "/api/v1/webhooks", {{"description", "no url"}}), 400);
  Response by_key = AsKey("POST", "/api/v1/webhooks", {{"url", "https://erp.example.be/hook"}});
  ExpectProblem(by_key, 403);
  EXPECT_TRUE(AsKey("GET", "/api/v1/webhooks").Json()["items"].empty());
}

}  // namespace
}  // namespace sealpost::integration
