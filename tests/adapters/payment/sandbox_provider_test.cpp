#include "adapters/payment/sandbox_provider.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "adapters/payment/loopback_http_server.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/seeded_random.hpp"

namespace sealpost::adapters::payment {
namespace {

using app::SandboxOutcome;
using domain::PaymentStatus;
using testing::CannedReply;
using testing::LoopbackHttpServer;
using testing::RecordedRequest;

const common::TimePoint kStart = common::TimePoint(std::chrono::seconds(1764320000));

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sealpost-sandbox-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

class SandboxProviderTest : public ::testing::Test {
 protected:
  std::shared_ptr<SandboxProvider> Open() {
    SandboxProviderOptions options;
    options.public_base_url = "http://localhost:8080/";
    options.state_file = dir_.path() / "sandbox-payments.json";
    options.webhook_timeout = std::chrono::seconds(5);
    auto provider = SandboxProvider::Open(options, clock_, random_);
    EXPECT_TRUE(provider.has_value()) << provider.error().ToString();
    return provider ? *provider : nullptr;
  }

  app::PaymentRequest TopUp(domain::Cents amount, std::string key = "topup-0001-attempt-1") {
    app::PaymentRequest request;
    request.customer_account_id = "acct-42";
    request.amount = amount;
    request.description = "sealpost top-up";
    request.method = "bancontact";
    request.return_url = "http://localhost:8080/account/billing/top-ups/topup-0001";
    request.webhook_url = webhook_.BaseUrl() + "/webhooks/payments/sandbox";
    request.idempotency_key = std::move(key);
    request.top_up_id = "topup-0001";
    return request;
  }

  TempDir dir_;
  sealpost::testing::FakeClock clock_{kStart};
  sealpost::testing::SeededRandom random_{7};
  LoopbackHttpServer webhook_{[](const RecordedRequest&) {
    return CannedReply{200, "text/plain", ""};
  }};
};

TEST_F(SandboxProviderTest, CreatesAnOpenPaymentWhoseCheckoutIsASealpostPage) {
  auto sandbox = Open();
  auto created = sandbox->CreatePayment(TopUp(1000));
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_TRUE(created->provider_payment_id.starts_with("sbx_"));
  EXPECT_EQ(created->checkout_url,
            "http://localhost:8080/sandbox/checkout/" + created->provider_payment_id);
  EXPECT_EQ(created->status, PaymentStatus::kOpen);
  auto fetched = sandbox->FetchPayment(created->provider_payment_id);
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->status, PaymentStatus::kOpen);
  EXPECT_EQ(fetched->amount, 1000);
  EXPECT_EQ(fetched->top_up_id, "topup-0001");
  EXPECT_FALSE(fetched->paid_at.has_value());
  auto view = sandbox->Find(created->provider_payment_id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->description, "sealpost top-up");
  EXPECT_EQ(view->method, "bancontact");
  EXPECT_TRUE(webhook_.requests().empty());  // nothing happened yet
}

TEST_F(SandboxProviderTest, TheSameIdempotencyKeyReturnsTheSamePayment) {
  auto sandbox = Open();
  auto first = sandbox->CreatePayment(TopUp(1000));
  auto again = sandbox->CreatePayment(TopUp(1000));
  auto other = sandbox->CreatePayment(TopUp(1000, "topup-0002-attempt-1"));
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(first->provider_payment_id, again->provider_payment_id);
  EXPECT_NE(first->provider_payment_id, other->provider_payment_id);
  auto conflicting = sandbox->CreatePayment(TopUp(2000));
  ASSERT_FALSE(conflicting.has_value());
  EXPECT_EQ(conflicting.error().code, common::ErrorCode::kConflict);
}

TEST_F(SandboxProviderTest, PayingRecordsThePaymentAndCallsTheWebhookLikeMollie) {
  auto sandbox = Open();
  auto created = sandbox->CreatePayment(TopUp(2500));
  ASSERT_TRUE(created.has_value());
  clock_.Advance(std::chrono::seconds(42));
  auto settled = sandbox->Settle(created->provider_payment_id, SandboxOutcome::kPaid);
  ASSERT_TRUE(settled.has_value()) << settled.error().ToString();
  EXPECT_TRUE(settled->webhook_delivered);
  EXPECT_EQ(settled->payment.status, PaymentStatus::kPaid);
  EXPECT_EQ(settled->payment.return_url,
            "http://localhost:8080/account/billing/top-ups/topup-0001");

  auto calls = webhook_.requests();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].target, "/webhooks/payments/sandbox");
  EXPECT_EQ(calls[0].Header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(calls[0].body, "id=" + created->provider_payment_id);
  // The receiver reads the call with the same port method as any provider's…
  auto notice = sandbox->ParseWebhook({}, calls[0].body, clock_.Now());
  ASSERT_TRUE(notice.has_value());
  EXPECT_EQ(notice->payment_ids, std::vector<std::string>{created->provider_payment_id});
  // …and fetches the truth.
  auto fetched = sandbox->FetchPayment(created->provider_payment_id);
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->status, PaymentStatus::kPaid);
  EXPECT_EQ(fetched->amount, 2500);
  ASSERT_TRUE(fetched->paid_at.has_value());
  EXPECT_EQ(*fetched->paid_at, kStart + std::chrono::seconds(42));
}

TEST_F(SandboxProviderTest, EachOutcomeGivesItsStatusAndAFinalPaymentCannotBeSettledAgain) {
  auto sandbox = Open();
  const std::vector<std::pair<SandboxOutcome, PaymentStatus>> outcomes = {
      {SandboxOutcome::kPaid, PaymentStatus::kPaid},
      {SandboxOutcome::kFailed, PaymentStatus::kFailed},
      {SandboxOutcome::kCanceled, PaymentStatus::kCanceled},
      {SandboxOutcome::kExpired, PaymentStatus::kExpired},
  };
  int n = 0;
  for (const auto& [outcome, status] : outcomes) {
    auto created = sandbox->CreatePayment(TopUp(1000, "key-" + std::to_string(n++)));
    ASSERT_TRUE(created.has_value());
    ASSERT_TRUE(sandbox->Settle(created->provider_payment_id, outcome).has_value());
    auto fetched = sandbox->FetchPayment(created->provider_payment_id);
    ASSERT_TRUE(fetched.has_value());
    EXPECT_EQ(fetched->status, status);
    EXPECT_EQ(fetched->paid_at.has_value(), status == PaymentStatus::kPaid);
    // Choosing again (a second click, the back button) changes nothing and calls no webhook.
    auto again = sandbox->Settle(created->provider_payment_id, SandboxOutcome::kPaid);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().reason, "payment_final");
    EXPECT_EQ(sandbox->FetchPayment(created->provider_payment_id)->status, status);
  }
  EXPECT_EQ(webhook_.requests().size(), outcomes.size());
}

TEST_F(SandboxProviderTest, AnUndeliverableWebhookKeepsTheOutcome) {
  auto sandbox = Open();
  auto request = TopUp(1000);
  {
    LoopbackHttpServer gone([](const RecordedRequest&) { return CannedReply{}; });
    request.webhook_url = gone.BaseUrl() + "/webhooks/payments/sandbox";
  }
  auto created = sandbox->CreatePayment(request);
  ASSERT_TRUE(created.has_value());
  auto settled = sandbox->Settle(created->provider_payment_id, SandboxOutcome::kPaid);
  ASSERT_TRUE(settled.has_value());
  EXPECT_FALSE(settled->webhook_delivered);
  EXPECT_EQ(sandbox->FetchPayment(created->provider_payment_id)->status, PaymentStatus::kPaid);
}

TEST_F(SandboxProviderTest, PaymentsSurviveARestartInAPrivateFile) {
  std::string open_id, paid_id;
  {
    auto sandbox = Open();
    open_id = sandbox->CreatePayment(TopUp(1000, "a"))->provider_payment_id;
    paid_id = sandbox->CreatePayment(TopUp(700, "b"))->provider_payment_id;
    ASSERT_TRUE(sandbox->Settle(paid_id, SandboxOutcome::kPaid).has_value());
  }
  const auto file = dir_.path() / "sandbox-payments.json";
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto reopened = Open();
  auto still_open = reopened->FetchPayment(open_id);
  ASSERT_TRUE(still_open.has_value());
  EXPECT_EQ(still_open->status, PaymentStatus::kOpen);
  EXPECT_EQ(still_open->amount, 1000);
  auto paid = reopened->FetchPayment(paid_id);
  ASSERT_TRUE(paid.has_value());
  EXPECT_EQ(paid->status, PaymentStatus::kPaid);
  EXPECT_TRUE(paid->paid_at.has_value());
  // The idempotency keys survive too.
  EXPECT_EQ(reopened->CreatePayment(TopUp(1000, "a"))->provider_payment_id, open_id);
  ASSERT_TRUE(reopened->Settle(open_id, SandboxOutcome::kExpired).has_value());
}

TEST_F(SandboxProviderTest, RefusesACorruptStateFileAndUnknownIds) {
  {
    std::ofstream out(dir_.path() / "sandbox-payments.json");
    out << "{not json";
  }
  SandboxProviderOptions options;
  options.public_base_url = "http://localhost:8080";
  options.state_file = dir_.path() / "sandbox-payments.json";
  EXPECT_FALSE(SandboxProvider::Open(options, clock_, random_).has_value());

  options.state_file.clear();  // memory only
  auto sandbox = SandboxProvider::Open(options, clock_, random_);
  ASSERT_TRUE(sandbox.has_value());
  EXPECT_EQ((*sandbox)->FetchPayment("sbx_unknown").error().code, common::ErrorCode::kNotFound);
  EXPECT_EQ((*sandbox)->Find("sbx_unknown").error().code, common::ErrorCode::kNotFound);
  EXPECT_EQ((*sandbox)->Settle("sbx_unknown", SandboxOutcome::kPaid).error().code,
            common::ErrorCode::kNotFound);
  EXPECT_FALSE((*sandbox)->ParseWebhook({}, "id=tr_7UhSN1zuXS", clock_.Now()).has_value());
}

}  // namespace
}  // namespace sealpost::adapters::payment
