#include "adapters/payment/mollie_provider.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/payment/loopback_http_server.hpp"

namespace sealpost::adapters::payment {
namespace {

using domain::PaymentStatus;
using testing::CannedReply;
using testing::LoopbackHttpServer;
using testing::ReadTestData;
using testing::RecordedRequest;

constexpr const char* kApiKey = "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM";

MollieProvider Provider(const LoopbackHttpServer& server) {
  MollieProviderOptions options;
  options.api_key = kApiKey;
  options.api_base_url = server.BaseUrl() + "/";
  options.timeout = std::chrono::seconds(5);
  return MollieProvider(options);
}

app::PaymentRequest TopUp(domain::Cents amount, std::string method = "bancontact") {
  app::PaymentRequest request;
  request.customer_account_id = "acct-42";
  request.amount = amount;
  request.description = "sealpost top-up";
  request.method = std::move(method);
  request.return_url = "https://sealpost.example/account/billing/top-ups/topup-0001";
  request.webhook_url = "https://sealpost.example/webhooks/payments/mollie";
  request.idempotency_key = "topup-0001-attempt-1";
  request.top_up_id = "topup-0001";
  return request;
}

// The recorded "Get payment" answer with another status (and no paidAt unless paid).
std::string PaymentWithStatus(std::string_view status) {
  auto payment = nlohmann::json::parse(ReadTestData("mollie_get_payment_paid.json"));
  payment["status"] = status;
  if (status != "paid") payment.erase("paidAt");
  return payment.dump();
}

TEST(MollieProvider, CreatesAPaymentWithTheDocumentedRequestAndReturnsItsCheckoutLink) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{201, "application/hal+json", ReadTestData("mollie_create_payment.json")};
  });
  auto provider = Provider(server);
  auto created = provider.CreatePayment(TopUp(1000));
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_EQ(created->provider_payment_id, "tr_7UhSN1zuXS");
  EXPECT_EQ(created->checkout_url, "https://www.mollie.com/checkout/bancontact/7UhSN1zuXS");
  EXPECT_EQ(created->status, PaymentStatus::kOpen);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const RecordedRequest& sent = requests[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/v2/payments");
  EXPECT_EQ(sent.Header("Authorization"), std::string("Bearer ") + kApiKey);
  EXPECT_EQ(sent.Header("Idempotency-Key"), "topup-0001-attempt-1");
  EXPECT_EQ(sent.Header("Content-Type"), "application/json");
  auto body = nlohmann::json::parse(sent.body);
  EXPECT_EQ(body["amount"]["currency"], "EUR");
  EXPECT_EQ(body["amount"]["value"], "10.00");  // a string with exactly two decimals
  EXPECT_EQ(body["description"], "sealpost top-up");
  EXPECT_EQ(body["redirectUrl"], "https://sealpost.example/account/billing/top-ups/topup-0001");
  EXPECT_EQ(body["webhookUrl"], "https://sealpost.example/webhooks/payments/mollie");
  EXPECT_EQ(body["method"], "bancontact");
  EXPECT_EQ(body["metadata"]["top_up_id"], "topup-0001");
}

TEST(MollieProvider, WritesEveryAmountWithTwoDecimalsAndLeavesTheMethodToTheCustomerWhenEmpty) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{201, "application/hal+json", ReadTestData("mollie_create_payment.json")};
  });
  auto provider = Provider(server);
  ASSERT_TRUE(provider.CreatePayment(TopUp(5, "")).has_value());
  ASSERT_TRUE(provider.CreatePayment(TopUp(123456)).has_value());
  ASSERT_TRUE(provider.CreatePayment(TopUp(2550, "paypal")).has_value());
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  auto first = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(first["amount"]["value"], "0.05");
  EXPECT_FALSE(first.contains("method"));
  EXPECT_EQ(nlohmann::json::parse(requests[1].body)["amount"]["value"], "1234.56");
  auto third = nlohmann::json::parse(requests[2].body);
  EXPECT_EQ(third["amount"]["value"], "25.50");
  EXPECT_EQ(third["method"], "paypal");
}

TEST(MollieProvider, RefusesABadRequestBeforeSendingAnything) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{500, "text/plain", ""};
  });
  auto provider = Provider(server);
  auto bad_method = TopUp(1000, "bitcoin");
  auto zero = TopUp(0);
  auto negative = TopUp(-1000);
  auto no_webhook = TopUp(1000);
  no_webhook.webhook_url = "";
  auto relative_return = TopUp(1000);
  relative_return.return_url = "/account/billing";
  for (const auto& request : {bad_method, zero, negative, no_webhook, relative_return}) {
    auto result = provider.CreatePayment(request);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, common::ErrorCode::kInvalidArgument);
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST(MollieProvider, MapsMollieErrorsToClearErrorsWithoutTheApiKey) {
  struct Case {
    int status;
    std::string body;
    common::ErrorCode code;
  };
  const std::vector<Case> cases = {
      {422, ReadTestData("mollie_error_422.json"), common::ErrorCode::kInvalidArgument},
      {401,
       R"({"status":401,"title":"Unauthorized Request","detail":"Missing authentication, or failed to authenticate"})",
       common::ErrorCode::kInternal},
      {503, "<html>maintenance</html>", common::ErrorCode::kUnavailable},
      {429, R"({"status":429,"title":"Too Many Requests","detail":"slow down"})",
       common::ErrorCode::kUnavailable},
      // A detail that echoes the key (it must never reach a log).
      {422, std::string(R"({"status":422,"detail":"bad key )") + kApiKey + "\"}",
       common::ErrorCode::kInvalidArgument},
  };
  for (const auto& c : cases) {
    LoopbackHttpServer server([&c](const RecordedRequest&) {
      return CannedReply{c.status, "application/hal+json", c.body};
    });
    auto result = Provider(server).CreatePayment(TopUp(1000));
    ASSERT_FALSE(result.has_value()) << c.status;
    EXPECT_EQ(result.error().code, c.code) << c.status;
    EXPECT_EQ(result.error().message.find(kApiKey), std::string::npos) << result.error().message;
  }
  LoopbackHttpServer rejected([](const RecordedRequest&) {
    return CannedReply{422, "application/hal+json", ReadTestData("mollie_error_422.json")};
  });
  auto result = Provider(rejected).CreatePayment(TopUp(1000));
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("The amount is lower than the minimum"), std::string::npos);
}

TEST(MollieProvider, AnUnreachableMollieIsUnavailable) {
  std::string base_url;
  {
    LoopbackHttpServer closed([](const RecordedRequest&) { return CannedReply{}; });
    base_url = closed.BaseUrl();
  }  // the port is closed again
  MollieProviderOptions options;
  options.api_key = kApiKey;
  options.api_base_url = base_url;
  options.timeout = std::chrono::seconds(2);
  auto result = MollieProvider(options).FetchPayment("tr_7UhSN1zuXS");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, common::ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().message.find(kApiKey), std::string::npos);
}

TEST(MollieProvider, FetchesAPaidPaymentWithAmountMetadataAndPaidTime) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{200, "application/hal+json", ReadTestData("mollie_get_payment_paid.json")};
  });
  auto provider = Provider(server);
  auto payment = provider.FetchPayment("tr_7UhSN1zuXS");
  ASSERT_TRUE(payment.has_value()) << payment.error().ToString();
  EXPECT_EQ(payment->id, "tr_7UhSN1zuXS");
  EXPECT_EQ(payment->status, PaymentStatus::kPaid);
  EXPECT_EQ(payment->amount, 1000);
  EXPECT_EQ(payment->top_up_id, "topup-0001");
  ASSERT_TRUE(payment->paid_at.has_value());
  // "2026-11-28T10:14:02+01:00" is 09:14:02 UTC.
  EXPECT_EQ(common::FormatRfc3339(*payment->paid_at), "2026-11-28T09:14:02.000000Z");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/v2/payments/tr_7UhSN1zuXS");
  EXPECT_EQ(requests[0].Header("Authorization"), std::string("Bearer ") + kApiKey);
}

TEST(MollieProvider, ReadsEveryMollieStatus) {
  const std::vector<std::pair<std::string, PaymentStatus>> statuses = {
      {"open", PaymentStatus::kOpen},
      {"pending", PaymentStatus::kPending},
      {"authorized", PaymentStatus::kAuthorized},
      {"paid", PaymentStatus::kPaid},
      {"canceled", PaymentStatus::kCanceled},
      {"expired", PaymentStatus::kExpired},
      {"failed", PaymentStatus::kFailed},
  };
  for (const auto& [name, expected] : statuses) {
    LoopbackHttpServer server([&name](const RecordedRequest&) {
      return CannedReply{200, "application/hal+json", PaymentWithStatus(name)};
    });
    auto payment = Provider(server).FetchPayment("tr_7UhSN1zuXS");
    ASSERT_TRUE(payment.has_value()) << name;
    EXPECT_EQ(payment->status, expected) << name;
    EXPECT_EQ(payment->paid_at.has_value(), name == "paid") << name;
  }
  LoopbackHttpServer odd([](const RecordedRequest&) {
    return CannedReply{200, "application/hal+json", PaymentWithStatus("refunded-ish")};
  });
  auto unknown = Provider(odd).FetchPayment("tr_7UhSN1zuXS");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().reason, "provider_bad_response");
}

TEST(MollieProvider, RefusesAPaymentInAnotherCurrencyAndAnUnknownOrMalformedId) {
  LoopbackHttpServer dollars([](const RecordedRequest&) {
    auto payment = nlohmann::json::parse(ReadTestData("mollie_get_payment_paid.json"));
    payment["amount"]["currency"] = "USD";
    return CannedReply{200, "application/hal+json", payment.dump()};
  });
  auto foreign = Provider(dollars).FetchPayment("tr_7UhSN1zuXS");
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().reason, "unexpected_currency");

  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{404, "application/hal+json", ReadTestData("mollie_error_404.json")};
  });
  auto provider = Provider(server);
  auto unknown = provider.FetchPayment("tr_unknown00");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, common::ErrorCode::kNotFound);
  // Ids that are not Mollie payment ids are never sent (no path tricks).
  for (std::string_view id : {"", "tr_", "cs_test_1", "tr_../../v2/refunds", "tr_a?b=c"}) {
    auto refused = provider.FetchPayment(id);
    ASSERT_FALSE(refused.has_value()) << id;
    EXPECT_EQ(refused.error().code, common::ErrorCode::kNotFound) << id;
  }
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(MollieProvider, ReadsTheWebhookFormBodyAndRefusesOneWithoutAPaymentId) {
  LoopbackHttpServer server([](const RecordedRequest&) { return CannedReply{}; });
  auto provider = Provider(server);
  const auto now = common::TimePoint(std::chrono::seconds(1764320000));
  const app::WebhookHeaders headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  auto notice = provider.ParseWebhook(headers, "id=tr_7UhSN1zuXS", now);
  ASSERT_TRUE(notice.has_value());
  EXPECT_EQ(notice->payment_ids, std::vector<std::string>{"tr_7UhSN1zuXS"});
  EXPECT_TRUE(notice->event_id.empty());
  for (std::string_view body :
       {"", "id=", "id=evt_1", "payment=tr_7UhSN1zuXS", "id=tr_7Uh%2F..%2Fx", "id=%ZZ"}) {
    auto refused = provider.ParseWebhook(headers, body, now);
    ASSERT_FALSE(refused.has_value()) << body;
    EXPECT_EQ(refused.error().code, common::ErrorCode::kInvalidArgument) << body;
  }
  EXPECT_TRUE(server.requests().empty());  // reading a webhook asks Mollie nothing
}

TEST(MollieTime, ReadsOffsetsAndFractions) {
  EXPECT_EQ(common::FormatRfc3339(*ParseMollieTime("2026-11-28T09:14:02+00:00")),
            "2026-11-28T09:14:02.000000Z");
  EXPECT_EQ(common::FormatRfc3339(*ParseMollieTime("2026-11-28T00:30:00+01:00")),
            "2026-11-27T23:30:00.000000Z");
  EXPECT_EQ(common::FormatRfc3339(*ParseMollieTime("2026-11-28T23:30:00.5-02:30")),
            "2026-11-29T02:00:00.500000Z");
  EXPECT_EQ(common::FormatRfc3339(*ParseMollieTime("2026-11-28T09:14:02Z")),
            "2026-11-28T09:14:02.000000Z");
  for (std::string_view bad : {"", "2026-11-28", "2026-11-28T09:14:02", "2026-11-28T09:14:02+1:00",
                               "2026-11-28T09:14:02+01:00x"}) {
    EXPECT_FALSE(ParseMollieTime(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sealpost::adapters::payment
