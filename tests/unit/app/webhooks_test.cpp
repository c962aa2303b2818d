// Webhooks from the use cases down to the real SQLite storage and AES-GCM secret box, with a
// recording transport: who may register endpoints, how new evidence becomes one delivery per
// endpoint (once, in log order), the signature format (checked with `openssl dgst`), the back-off
// schedule, retries, giving up, rotation and replay.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "adapters/webhook/curl_webhook_transport.hpp"
#include "adapters/webhook/webhook_signature.hpp"
#include "app/usecases/fan_out_webhook_events.hpp"
#include "app/usecases/manage_webhooks.hpp"
#include "app/usecases/send_webhook_deliveries.hpp"
#include "app/webhook_backoff.hpp"
#include "fakes/shell_command.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using common::ErrorCode;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

// --- the signature, against an independent implementation (the openssl command line) ---

std::string OpensslHmac(const std::string& secret, const std::string& message) {
  auto result = sealpost::testing::RunCommand(
      "printf '%s' " + sealpost::testing::ShellQuote(message) + " | openssl dgst -sha256 -hmac " +
      sealpost::testing::ShellQuote(secret) + " -r");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  return result.output.substr(0, 64);
}

TEST(WebhookSignature, IsHmacSha256OfTimeDotBodyAsOpensslComputesIt) {
  const std::string secret = "whsec_3q2-7wAAAAtest";
  const std::string body = R"({"id":"e1","event":"ContentHandover","note":"é €"})";
  const std::int64_t t = 1795000000;
  const std::string v1 = adapters::webhook::WebhookSignatureV1(secret, t, body);
  EXPECT_EQ(v1, OpensslHmac(secret, "1795000000." + body));
  EXPECT_EQ(v1.size(), 64u);
  EXPECT_NE(v1, adapters::webhook::WebhookSignatureV1(secret, t + 1, body));
  EXPECT_NE(v1, adapters::webhook::WebhookSignatureV1(secret + "x", t, body));
}

TEST(WebhookSignature, HeaderCarriesTheTimeAndOneV1PerSecretNewestFirst) {
  const std::string body = "{}";
  EXPECT_EQ(adapters::webhook::WebhookSignatureHeader({"new"}, 42, body),
            "t=42,v1=" + OpensslHmac("new", "42.{}"));
  EXPECT_EQ(adapters::webhook::WebhookSignatureHeader({"new", "old"}, 42, body),
            "t=42,v1=" + OpensslHmac("new", "42.{}") + ",v1=" + OpensslHmac("old", "42.{}"));
}

// --- the back-off schedule ---

TEST(WebhookBackoff, DoublesFrom30SecondsUpToTheCapWithUpToHalfAStepOfJitter) {
  const WebhookBackoff b;  // 30 s, 6 h, 72 h
  EXPECT_EQ(BackoffStep(b, 1), 30s);
  EXPECT_EQ(BackoffStep(b, 2), 60s);
  EXPECT_EQ(BackoffStep(b, 3), 120s);
  EXPECT_EQ(BackoffStep(b, 10), 30s * 512);
  EXPECT_EQ(BackoffStep(b, 11), 6h);  // 30 s·1024 passes 6 h
  EXPECT_EQ(BackoffStep(b, 60), 6h);
  const common::TimePoint created = kStart;
  const common::TimePoint now = kStart + 1h;
  EXPECT_EQ(NextWebhookAttempt(b, created, now, 1, 0.0), now + 30s);
  EXPECT_EQ(NextWebhookAttempt(b, created, now, 1, 0.5), now + 37500ms);
  EXPECT_EQ(NextWebhookAttempt(b, created, now, 3, 0.999999), now + 179999ms);
  // At the cap the wait lies between 75 % and 100 % of it, so retries still spread out.
  EXPECT_EQ(NextWebhookAttempt(b, created, now, 20, 0.0), now + 4h + 30min);
  EXPECT_EQ(NextWebhookAttempt(b, created, now, 20, 1.0), now + 6h);
  EXPECT_EQ(NextWebhookAttempt(b, created, now, 10, 1.0), now + 6h);  // 4.27 h + 50 % > 6 h
}

TEST(WebhookBackoff, TheLastAttemptLandsOnTheThreeDayDeadlineThenItGivesUp) {
  const WebhookBackoff b;
  const common::TimePoint created = kStart;
  EXPECT_EQ(NextWebhookAttempt(b, created, created + 71h, 20, 0.0), created + 72h);
  EXPECT_EQ(NextWebhookAttempt(b, created, created + 72h, 21, 0.0), std::nullopt);
  EXPECT_EQ(NextWebhookAttempt(b, created, created + 80h, 21, 0.0), std::nullopt);
}

// --- the use cases ---

// Thread-safe: the sender serves several endpoints side by side.
class RecordingTransport final : public WebhookTransport {
 public:
  common::Result<WebhookReply> Deliver(const WebhookMessage& message) override {
    if (message.url == slow_url) std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::lock_guard lock(mutex);
    sent.push_back(message);
    if (!statuses.empty()) {
      const int status = statuses.front();
      statuses.erase(statuses.begin());
      if (status == 0) return common::Fail(ErrorCode::kUnavailable, "connection refused");
      return WebhookReply{status};
    }
    return WebhookReply{204};
  }
  std::mutex mutex;
  std::vector<WebhookMessage> sent;
  std::vector<int> statuses;  // scripted answers; 0 = no answer; then 204
  std::string slow_url;       // takes 300 ms to answer
};

class WebhooksTest : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    WebhookSettings settings;
    manage_ = std::make_unique<ManageWebhooks>(*database_, *cipher_, clock_, random_, settings);
    fan_out_ = std::make_unique<FanOutWebhookEvents>(*database_, clock_, random_,
                                                     "https://sealpost.example");
    send_ =
        std::make_unique<SendWebhookDeliveries>(*database_, *cipher_, transport_, clock_, random_,
                                                SendWebhooksSettings{}, [](std::string_view) {});
  }

  Caller Admin(const domain::Account& account) {
    Caller caller;
    caller.account = account;
    caller.person_account_id = person_account_.id;
    caller.credential_id = std::string(64, 'a');
    caller.permissions = domain::PermissionsOfRoles({domain::Role::kAdmin});
    caller.authentication_method = "itsme";
    caller.authenticated_at = clock_.Now();
    return caller;
  }

  WebhookWithSecret MustCreate(const domain::Account& account,
                               const std::string& url = "https://erp.example.be/hook") {
    auto created = manage_->Create(Admin(account), url, "ERP");
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return created.value_or(WebhookWithSecret{});
  }

  std::vector<WebhookDeliveryWithAttempts> Deliveries(const domain::Account& account,
                                                      const std::string& endpoint_id) {
    auto listed = manage_->Deliveries(Admin(account), endpoint_id);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<WebhookDeliveryWithAttempts>{});
  }

  std::unique_ptr<ManageWebhooks> manage_;
  std::unique_ptr<FanOutWebhookEvents> fan_out_;
  std::unique_ptr<SendWebhookDeliveries> send_;
  RecordingTransport transport_;
};

TEST_F(WebhooksTest, OnlyAnAdministratorSignedInRegistersAndTheSecretIsShownOnceAndStoredSealed) {
  auto by_key = manage_->Create(*sender_, "https://erp.example.be/hook", "");
  ASSERT_FALSE(by_key.has_value());
  EXPECT_EQ(by_key.error().code, ErrorCode::kPermissionDenied);
  Caller accountant = Admin(sender_account_);
  accountant.permissions = domain::PermissionsOfRoles({domain::Role::kAccountant});
  EXPECT_EQ(manage_->Create(accountant, "https://erp.example.be/hook", "").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(manage_->Create(Admin(sender_account_), "https://10.0.0.1/hook", "").error().code,
            ErrorCode::kInvalidArgument);

  const WebhookWithSecret created = MustCreate(sender_account_);
  EXPECT_THAT(created.secret, ::testing::StartsWith("whsec_"));
  EXPECT_GE(created.secret.size(), 40u);
  EXPECT_TRUE(created.endpoint.endpoint.secret.empty());

  // An API key with `read` lists endpoints, without any secret.
  auto listed = manage_->List(*sender_);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).endpoint.url, "https://erp.example.be/hook");
  EXPECT_TRUE(listed->at(0).endpoint.secret.empty());
  EXPECT_TRUE(listed->at(0).endpoint.wrapped_key.empty());
  // Stored sealed: the clear secret is nowhere in the row.
  auto uow = database_->BeginReadOnly().value();
  auto stored = uow->Webhooks().FindEndpoint(created.endpoint.endpoint.id).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_THAT(stored->secret, Not(HasSubstr(created.secret.substr(6))));
  // Another account neither sees nor deletes it.
  EXPECT_TRUE(manage_->List(*outsider_)->empty());
  EXPECT_EQ(manage_->Delete(Admin(outsider_account_), created.endpoint.endpoint.id).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(manage_->SendTest(*outsider_, created.endpoint.endpoint.id).error().code,
            ErrorCode::kNotFound);
}

TEST_F(WebhooksTest, EveryNewEvidenceOfTheAccountsItemsBecomesOneSignedDeliveryPerEndpoint) {
  const WebhookWithSecret first = MustCreate(sender_account_);
  const WebhookWithSecret second = MustCreate(sender_account_, "https://backup.example.be/h");
  const WebhookWithSecret outsider = MustCreate(outsider_account_);
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const auto evidence = StoredEvidence(submitted.item.id);
  ASSERT_GE(evidence.size(), 2u);  // SubmissionAcceptance, ContentConsignment, …

  auto fanned = fan_out_->RunOnce();
  ASSERT_TRUE(fanned.has_value()) << fanned.error().ToString();
  EXPECT_EQ(fanned->deliveries, 2 * evidence.size());
  EXPECT_EQ(fan_out_->RunOnce()->deliveries, 0u);  // the cursor moved: nothing twice

  auto sent = send_->RunOnce();
  ASSERT_TRUE(sent.has_value());
  EXPECT_EQ(sent->delivered, 2 * evidence.size());
  ASSERT_EQ(transport_.sent.size(), 2 * evidence.size());
  // Deliveries due at the same moment go in any order: find the first evidence's, to `first`.
  auto it = std::find_if(transport_.sent.begin(), transport_.sent.end(), [&](const auto& s) {
    return s.event_id == evidence[0].id && s.url == "https://erp.example.be/hook";
  });
  ASSERT_NE(it, transport_.sent.end());
  const WebhookMessage& m = *it;
  EXPECT_EQ(m.url, "https://erp.example.be/hook");
  EXPECT_EQ(m.secrets, std::vector<std::string>{first.secret});
  EXPECT_EQ(m.timestamp, clock_.Now());
  const auto body = nlohmann::json::parse(m.body);
  EXPECT_EQ(body["id"], evidence[0].id);
  EXPECT_EQ(m.event_id, evidence[0].id);
  EXPECT_EQ(body["evidence_id"], evidence[0].id);
  EXPECT_EQ(body["event"], "SubmissionAcceptance");
  EXPECT_EQ(body["item_id"], submitted.item.id);
  EXPECT_EQ(body["delivery_id"], evidence[0].delivery_id);
  EXPECT_EQ(body["links"]["evidence"],
            "https://sealpost.example/api/v1/evidence/" + evidence[0].id);
  EXPECT_TRUE(Deliveries(outsider_account_, outsider.endpoint.endpoint.id).empty());
  const auto listed = Deliveries(sender_account_, second.endpoint.endpoint.id);
  ASSERT_EQ(listed.size(), evidence.size());
  EXPECT_TRUE(listed[0].delivery.delivered_at.has_value());
  ASSERT_EQ(listed[0].attempts.size(), 1u);
  EXPECT_EQ(listed[0].attempts[0].status_code, 204);

  // Later evidence (here the hand-over) follows on the next run.
  MustSubmit(*sender_, Request({RecipientCompany()}));
  EXPECT_GT(fan_out_->RunOnce()->deliveries, 0u);
}

TEST_F(WebhooksTest, AFailingEndpointIsRetriedWithBackoffAndEveryAttemptIsVisible) {
  const WebhookWithSecret hook = MustCreate(sender_account_);
  ASSERT_TRUE(manage_->SendTest(*sender_, hook.endpoint.endpoint.id).has_value());
  transport_.statuses = {500, 0};
  EXPECT_EQ(send_->RunOnce()->retried, 1u);
  EXPECT_EQ(send_->RunOnce()->retried, 0u);  // not due yet
  clock_.Advance(29s);
  EXPECT_EQ(send_->RunOnce()->retried, 0u);  // at least 30 s after the first failure
  clock_.Advance(16s);
  EXPECT_EQ(send_->RunOnce()->retried, 1u);  // no answer at all
  clock_.Advance(91s);
  EXPECT_EQ(send_->RunOnce()->delivered, 1u);
  ASSERT_EQ(transport_.sent.size(), 3u);
  EXPECT_EQ(transport_.sent[0].body, transport_.sent[2].body);  // the same event, byte for byte
  EXPECT_EQ(transport_.sent[0].event_id, transport_.sent[2].event_id);

  const auto listed = Deliveries(sender_account_, hook.endpoint.endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].delivery.event_name, "Test");
  ASSERT_EQ(listed[0].attempts.size(), 3u);
  EXPECT_EQ(listed[0].attempts[0].status_code, 500);
  EXPECT_EQ(listed[0].attempts[0].error, "the endpoint answered HTTP 500");
  EXPECT_FALSE(listed[0].attempts[1].status_code.has_value());
  EXPECT_EQ(listed[0].attempts[1].error, "connection refused");
  EXPECT_EQ(listed[0].attempts[2].status_code, 204);
  EXPECT_EQ(listed[0].delivery.attempts, 3);
}

TEST_F(WebhooksTest, ASlowEndpointDoesNotHoldUpTheOthers) {
  const WebhookWithSecret slow = MustCreate(sender_account_, "https://slow.example.be/hook");
  const WebhookWithSecret quick = MustCreate(sender_account_, "https://quick.example.be/hook");
  transport_.slow_url = "https://slow.example.be/hook";
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(manage_->SendTest(*sender_, slow.endpoint.endpoint.id));
  clock_.Advance(1s);  // the quick endpoint's event is queued last
  ASSERT_TRUE(manage_->SendTest(*sender_, quick.endpoint.endpoint.id).has_value());
  auto report = send_->RunOnce();
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->delivered, 4u);
  ASSERT_EQ(transport_.sent.size(), 4u);
  // Sent while the slow endpoint was still busy with its first event.
  EXPECT_EQ(transport_.sent.front().url, "https://quick.example.be/hook");
}

TEST_F(WebhooksTest, AnEndpointThatDoesNotAnswerIsTriedOncePerRun) {
  const WebhookWithSecret dead = MustCreate(sender_account_);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(manage_->SendTest(*sender_, dead.endpoint.endpoint.id));
  transport_.statuses = {0};
  EXPECT_EQ(send_->RunOnce()->retried, 1u);
  EXPECT_EQ(transport_.sent.size(), 1u);  // the other two wait for the next run
  EXPECT_EQ(send_->RunOnce()->delivered, 2u);
}

TEST_F(WebhooksTest, AnEndpointDownForThreeDaysIsGivenUp) {
  const WebhookWithSecret hook = MustCreate(sender_account_);
  ASSERT_TRUE(manage_->SendTest(*sender_, hook.endpoint.endpoint.id).has_value());
  transport_.statuses = std::vector<int>(100, 503);
  int runs = 0;
  while (runs < 100) {
    auto report = send_->RunOnce();
    ASSERT_TRUE(report.has_value());
    if (report->failed == 1) break;
    clock_.Advance(6h);
    ++runs;
  }
  const auto listed = Deliveries(sender_account_, hook.endpoint.endpoint.id);
  ASSERT_EQ(listed.size(), 1u);
  ASSERT_TRUE(listed[0].delivery.failed_at.has_value());
  EXPECT_LE(*listed[0].delivery.failed_at, kStart + 72h + 6h);
  EXPECT_GE(*listed[0].delivery.failed_at, kStart + 72h);
  EXPECT_GE(listed[0].attempts.size(), 12u);  // 30 s, 1 min, … then every few hours
}

TEST_F(WebhooksTest, RotationSignsWithBothSecretsDuringTheOverlapOnly) {
  const WebhookWithSecret hook = MustCreate(sender_account_);
  const std::string id = hook.endpoint.endpoint.id;
  EXPECT_EQ(manage_->RotateSecret(*sender_, id).error().code, ErrorCode::kPermissionDenied);
  auto rotated = manage_->RotateSecret(Admin(sender_account_), id);
  ASSERT_TRUE(rotated.has_value()) << rotated.error().ToString();
  EXPECT_NE(rotated->secret, hook.secret);
  EXPECT_EQ(rotated->previous_secret_until, clock_.Now() + 24h);
  EXPECT_TRUE(manage_->List(*sender_)->at(0).rotating);

  ASSERT_TRUE(manage_->SendTest(*sender_, id).has_value());
  send_->RunOnce();
  ASSERT_EQ(transport_.sent.size(), 1u);
  EXPECT_EQ(transport_.sent[0].secrets, (std::vector<std::string>{rotated->secret, hook.secret}));

  clock_.Advance(24h + 1s);
  ASSERT_TRUE(manage_->SendTest(*sender_, id).has_value());
  send_->RunOnce();
  ASSERT_EQ(transport_.sent.size(), 2u);
  EXPECT_EQ(transport_.sent[1].secrets, std::vector<std::string>{rotated->secret});
  EXPECT_FALSE(manage_->List(*sender_)->at(0).rotating);
}

TEST_F(WebhooksTest, AReplaySendsThePastEventAgainUnderItsOwnIdAndADeletedEndpointGetsNothing) {
  const WebhookWithSecret hook = MustCreate(sender_account_);
  const std::string id = hook.endpoint.endpoint.id;
  MustSubmit(*sender_, Request({RecipientCompany()}));
  ASSERT_TRUE(fan_out_->RunOnce().has_value());
  send_->RunOnce();
  const std::size_t first_round = transport_.sent.size();
  ASSERT_GT(first_round, 0u);
  const auto listed = Deliveries(sender_account_, id);
  const WebhookDelivery& past = listed.back().delivery;  // the oldest

  auto replayed = manage_->Replay(*sender_, id, past.id);
  ASSERT_TRUE(replayed.has_value()) << replayed.error().ToString();
  EXPECT_EQ(replayed->replay_of, past.id);
  EXPECT_EQ(replayed->event_id, past.event_id);
  EXPECT_NE(replayed->id, past.id);
  send_->RunOnce();
  ASSERT_EQ(transport_.sent.size(), first_round + 1);
  EXPECT_EQ(transport_.sent.back().body, past.body);
  EXPECT_EQ(manage_->Replay(*sender_, id, "00000000-0000-4000-8000-000000000000").error().code,
            ErrorCode::kNotFound);

  ASSERT_TRUE(manage_->Replay(*sender_, id, past.id).has_value());
  ASSERT_TRUE(manage_->Delete(Admin(sender_account_), id).has_value());
  EXPECT_EQ(send_->RunOnce()->failed, 1u);  // queued before the delete: given up, not sent
  EXPECT_EQ(transport_.sent.size(), first_round + 1);
  EXPECT_TRUE(manage_->List(*sender_)->empty());
  MustSubmit(*sender_, Request({RecipientCompany()}));
  EXPECT_EQ(fan_out_->RunOnce()->deliveries, 0u);
}

// --- the transport refuses what the policy refuses, after resolving the name itself ---

TEST(CurlWebhookTransport, RefusesPrivateAddressesAndNamesThatResolveToThem) {
  adapters::webhook::CurlWebhookTransport transport({});
  WebhookMessage m;
  m.body = "{}";
  m.secrets = {"whsec_x"};
  for (const char* url : {"https://127.0.0.1:1/", "https://2130706433:1/",
                          "https://[::ffff:127.0.0.1]:1/", "http://localhost:1/"}) {
    m.url = url;
    auto sent = transport.Deliver(m);
    ASSERT_FALSE(sent.has_value()) << url;
    EXPECT_EQ(sent.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

TEST(CurlWebhookTransport, LooksANameUpOnceAndRefusesItWhenAnyAddressIsPrivate) {
  // A name that resolves to a public and a loopback address (DNS rebinding, or a split answer):
  // refused before any connection, whichever address comes first.
  std::vector<std::string> looked_up;
  adapters::webhook::WebhookTransportSettings settings;
  settings.resolve =
      [&](const std::string& host) -> common::Result<std::vector<domain::IpAddress>> {
    looked_up.push_back(host);
    if (host == "rebind.example.com") {
      return std::vector<domain::IpAddress>{{93, 184, 216, 34}, {127, 0, 0, 1}};
    }
    if (host == "metadata.example.com") {
      return std::vector<domain::IpAddress>{*domain::ParseIpLiteral("::ffff:169.254.169.254")};
    }
    return common::Fail(ErrorCode::kUnavailable, "does not resolve");
  };
  adapters::webhook::CurlWebhookTransport transport(settings);
  WebhookMessage m;
  m.body = "{}";
  m.secrets = {"whsec_x"};
  for (const char* url :
       {"https://rebind.example.com/hook", "https://metadata.example.com/latest"}) {
    m.url = url;
    auto sent = transport.Deliver(m);
    ASSERT_FALSE(sent.has_value()) << url;
    EXPECT_EQ(sent.error().code, ErrorCode::kInvalidArgument) << url;
    EXPECT_THAT(sent.error().message, HasSubstr("resolves to a private"));
  }
  m.url = "https://nowhere.example.com/";
  auto unknown = transport.Deliver(m);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(looked_up, (std::vector<std::string>{"rebind.example.com", "metadata.example.com",
                                                 "nowhere.example.com"}));
}

}  // namespace
}  // namespace sealpost::app
