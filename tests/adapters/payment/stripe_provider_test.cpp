#include "adapters/payment/stripe_provider.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/payment/loopback_http_server.hpp"
#include "adapters/payment/provider_http.hpp"
#include "adapters/payment/stripe_signature.hpp"
#include "fakes/fake_clock.hpp"

namespace sealpost::adapters::payment {
namespace {

using domain::PaymentStatus;
using testing::CannedReply;
using testing::LoopbackHttpServer;
using testing::ReadTestData;
using testing::RecordedRequest;

constexpr const char* kSecretKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
constexpr const char* kWebhookSecret = "whsec_test_secret";  // REFERENCE.md §6
constexpr const char* kSessionId =
    "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY";

StripeProvider Provider(const std::string& base_url) {
  StripeProviderOptions options;
  options.secret_key = kSecretKey;
  options.webhook_secret = kWebhookSecret;
  options.api_base_url = base_url;
  options.timeout = std::chrono::seconds(5);
  return StripeProvider(options);
}

app::PaymentRequest TopUp(domain::Cents amount, std::string method = "") {
  app::PaymentRequest request;
  request.customer_account_id = "acct-42";
  request.amount = amount;
  request.description = "sealpost top-up";
  request.method = std::move(method);
  request.return_url = "https://sealpost.example/account/billing/top-ups/topup-0001";
  request.webhook_url = "https://sealpost.example/webhooks/payments/stripe";
  request.idempotency_key = "topup-0001-attempt-1";
  request.top_up_id = "topup-0001";
  return request;
}

// All values of form field `name` in a urlencoded body, decoded.
std::vector<std::string> FormValues(std::string_view body, std::string_view name) {
  std::vector<std::string> values;
  std::string encoded = FormEncode(name) + "=";
  std::size_t at = 0;
  while (at <= body.size()) {
    std::size_t end = body.find('&', at);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(at, end - at);
    if (pair.starts_with(encoded)) values.push_back(*FormValue(pair, name));
    at = end + 1;
  }
  return values;
}

std::string SessionWith(std::string_view file, std::string_view status,
                        std::string_view payment_status, std::string_view intent_status = "") {
  auto session = nlohmann::json::parse(ReadTestData(file));
  session["status"] = status;
  session["payment_status"] = payment_status;
  if (!intent_status.empty()) session["payment_intent"]["status"] = intent_status;
  return session.dump();
}

common::TimePoint At(std::int64_t unix_seconds) {
  return common::TimePoint(std::chrono::seconds(unix_seconds));
}

TEST(StripeProvider, CreatesACheckoutSessionWithTheDocumentedFormFields) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{200, "application/json", ReadTestData("stripe_checkout_session_open.json")};
  });
  auto provider = Provider(server.BaseUrl());
  auto created = provider.CreatePayment(TopUp(1050, "creditcard"));
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_EQ(created->provider_payment_id, kSessionId);
  EXPECT_EQ(created->checkout_url, std::string("https://checkout.stripe.com/c/pay/") + kSessionId);
  EXPECT_EQ(created->status, PaymentStatus::kOpen);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const RecordedRequest& sent = requests[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/v1/checkout/sessions");
  EXPECT_EQ(sent.Header("Authorization"), std::string("Bearer ") + kSecretKey);
  EXPECT_EQ(sent.Header("Idempotency-Key"), "topup-0001-attempt-1");
  EXPECT_EQ(sent.Header("Content-Type"), "application/x-www-form-urlencoded");
  using V = std::vector<std::string>;
  EXPECT_EQ(FormValues(sent.body, "mode"), V{"payment"});
  EXPECT_EQ(FormValues(sent.body, "payment_method_types[]"), V{"card"});
  EXPECT_EQ(FormValues(sent.body, "line_items[0][price_data][currency]"), V{"eur"});
  EXPECT_EQ(FormValues(sent.body, "line_items[0][price_data][unit_amount]"), V{"1050"});
  EXPECT_EQ(FormValues(sent.body, "line_items[0][price_data][product_data][name]"),
            V{"sealpost top-up"});
  EXPECT_EQ(FormValues(sent.body, "line_items[0][quantity]"), V{"1"});
  EXPECT_EQ(FormValues(sent.body, "success_url"),
            V{"https://sealpost.example/account/billing/top-ups/topup-0001"});
  EXPECT_EQ(FormValues(sent.body, "cancel_url"),
            V{"https://sealpost.example/account/billing/top-ups/topup-0001"});
  EXPECT_EQ(FormValues(sent.body, "metadata[top_up_id]"), V{"topup-0001"});
  EXPECT_EQ(FormValues(sent.body, "client_reference_id"), V{"acct-42"});
}

TEST(StripeProvider, OffersEveryConfiguredMethodWhenTheCustomerChooses) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{200, "application/json", ReadTestData("stripe_checkout_session_open.json")};
  });
  ASSERT_TRUE(Provider(server.BaseUrl()).CreatePayment(TopUp(5)).has_value());
  auto sent = server.requests().at(0);
  EXPECT_EQ(FormValues(sent.body, "payment_method_types[]"),
            (std::vector<std::string>{"bancontact", "card", "paypal"}));
  EXPECT_EQ(FormValues(sent.body, "line_items[0][price_data][unit_amount]"),
            std::vector<std::string>{"5"});
}

TEST(StripeProvider, MapsStripeErrorsWithoutTheSecretKey) {
  struct Case {
    int status;
    std::string body;
    common::ErrorCode code;
  };
  const std::vector<Case> cases = {
      {400,
       R"({"error":{"type":"invalid_request_error","message":"Invalid integer: -5","param":"line_items[0][price_data][unit_amount]"}})",
       common::ErrorCode::kInvalidArgument},
      {401,
       std::string(
           R"({"error":{"type":"invalid_request_error","message":"Invalid API Key provided: )") +
           kSecretKey + "\"}}",
       common::ErrorCode::kInternal},
      {409,
       R"({"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters they were first used with."}})",
       common::ErrorCode::kConflict},
      {500, R"({"error":{"type":"api_error","message":"Something went wrong"}})",
       common::ErrorCode::kUnavailable},
  };
  for (const auto& c : cases) {
    LoopbackHttpServer server([&c](const RecordedRequest&) {
      return CannedReply{c.status, "application/json", c.body};
    });
    auto result = Provider(server.BaseUrl()).CreatePayment(TopUp(1000));
    ASSERT_FALSE(result.has_value()) << c.status;
    EXPECT_EQ(result.error().code, c.code) << c.status;
    EXPECT_EQ(result.error().message.find(kSecretKey), std::string::npos) << result.error().message;
  }
}

TEST(StripeProvider, FetchesACompletedSessionWithItsPaymentIntent) {
  LoopbackHttpServer server([](const RecordedRequest&) {
    return CannedReply{200, "application/json", ReadTestData("stripe_checkout_session_paid.json")};
  });
  auto payment = Provider(server.BaseUrl()).FetchPayment(kSessionId);
  ASSERT_TRUE(payment.has_value()) << payment.error().ToString();
  EXPECT_EQ(payment->id, kSessionId);
  EXPECT_EQ(payment->status, PaymentStatus::kPaid);
  EXPECT_EQ(payment->amount, 1000);
  EXPECT_EQ(payment->top_up_id, "topup-0001");
  auto sent = server.requests().at(0);
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.target,
            std::string("/v1/checkout/sessions/") + kSessionId + "?expand%5B%5D=payment_intent");
  EXPECT_EQ(sent.Header("Authorization"), std::string("Bearer ") + kSecretKey);
}

TEST(StripeProvider, MapsEverySessionStateToOurStatus) {
  struct Case {
    std::string file, status, payment_status, intent_status;
    PaymentStatus expected;
  };
  const std::string paid = "stripe_checkout_session_paid.json";
  const std::vector<Case> cases = {
      {"stripe_checkout_session_open.json", "open", "unpaid", "", PaymentStatus::kOpen},
      {"stripe_checkout_session_open.json", "expired", "unpaid", "", PaymentStatus::kExpired},
      {paid, "complete", "paid", "succeeded", PaymentStatus::kPaid},
      {paid, "complete", "no_payment_required", "succeeded", PaymentStatus::kPaid},
      {paid, "complete", "unpaid", "processing", PaymentStatus::kPending},
      {paid, "complete", "unpaid", "requires_action", PaymentStatus::kPending},
      {paid, "complete", "unpaid", "requires_capture", PaymentStatus::kAuthorized},
      {paid, "complete", "unpaid", "canceled", PaymentStatus::kCanceled},
      {"stripe_checkout_session_async_failed.json", "complete", "unpaid", "requires_payment_method",
       PaymentStatus::kFailed},
  };
  for (const auto& c : cases) {
    const std::string body = SessionWith(c.file, c.status, c.payment_status, c.intent_status);
    LoopbackHttpServer server([&body](const RecordedRequest&) {
      return CannedReply{200, "application/json", body};
    });
    auto payment = Provider(server.BaseUrl()).FetchPayment(kSessionId);
    ASSERT_TRUE(payment.has_value()) << c.status << "/" << c.payment_status;
    EXPECT_EQ(payment->status, c.expected)
        << c.status << "/" << c.payment_status << "/" << c.intent_status;
  }
  // The recorded async failure as it is.
  LoopbackHttpServer failed([](const RecordedRequest&) {
    return CannedReply{200, "application/json",
                       ReadTestData("stripe_checkout_session_async_failed.json")};
  });
  auto payment = Provider(failed.BaseUrl()).FetchPayment(kSessionId);
  ASSERT_TRUE(payment.has_value());
  EXPECT_EQ(payment->status, PaymentStatus::kFailed);
}

TEST(StripeProvider, RefusesAnUnknownSessionAnotherCurrencyAndForeignIds) {
  LoopbackHttpServer missing([](const RecordedRequest&) {
    return CannedReply{404, "application/json", ReadTestData("stripe_error_404.json")};
  });
  auto provider = Provider(missing.BaseUrl());
  auto unknown = provider.FetchPayment("cs_test_unknown");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, common::ErrorCode::kNotFound);
  for (std::string_view id : {"", "tr_7UhSN1zuXS", "cs_test/../../v1/charges"}) {
    auto refused = provider.FetchPayment(id);
    ASSERT_FALSE(refused.has_value()) << id;
    EXPECT_EQ(refused.error().code, common::ErrorCode::kNotFound);
  }
  EXPECT_EQ(missing.requests().size(), 1u);

  LoopbackHttpServer dollars([](const RecordedRequest&) {
    auto session = nlohmann::json::parse(ReadTestData("stripe_checkout_session_paid.json"));
    session["currency"] = "usd";
    return CannedReply{200, "application/json", session.dump()};
  });
  auto foreign = Provider(dollars.BaseUrl()).FetchPayment(kSessionId);
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().reason, "unexpected_currency");
}

TEST(StripeProvider, AcceptsTheReferenceSignatureVectorAndReadsTheEventId) {
  auto provider = Provider("http://127.0.0.1:9");
  const std::string body = R"({"id":"evt_1","type":"checkout.session.completed"})";
  const app::WebhookHeaders headers = {
      {"stripe-signature",
       "t=1700000000,v1=a13d4b1f9003bc2fb6c06224e878b6056185eaa50d40e1e7dc05517f8af41d7b"}};
  // The vector's body is authentic but names no session: its signature passes, then the body is
  // refused as incomplete (invalid_argument, not unauthenticated).
  auto notice = provider.ParseWebhook(headers, body, At(1700000000));
  ASSERT_FALSE(notice.has_value());
  EXPECT_EQ(notice.error().code, common::ErrorCode::kInvalidArgument);
  // The same vector, with one hex digit changed, is a forgery.
  const app::WebhookHeaders forged = {
      {"Stripe-Signature",
       "t=1700000000,v1=b13d4b1f9003bc2fb6c06224e878b6056185eaa50d40e1e7dc05517f8af41d7b"}};
  auto refused = provider.ParseWebhook(forged, body, At(1700000000));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, common::ErrorCode::kUnauthenticated);
  EXPECT_EQ(refused.error().reason, "invalid_signature");
}

TEST(StripeProvider, ASignedSessionEventNamesTheSessionToFetch) {
  sealpost::testing::FakeClock clock(At(1764320095));
  auto provider = Provider("http://127.0.0.1:9");
  const std::string body = ReadTestData("stripe_event_checkout_session_completed.json");
  const std::int64_t t = 1764320095;
  const app::WebhookHeaders headers = {
      {"Stripe-Signature",
       "t=" + std::to_string(t) + ",v1=" + StripeSignatureV1(kWebhookSecret, t, body)}};
  auto notice = provider.ParseWebhook(headers, body, clock.Now());
  ASSERT_TRUE(notice.has_value()) << notice.error().ToString();
  EXPECT_EQ(notice->event_id, "evt_1QCmrhLkdIwHu7ixoNQ2iL0T");
  EXPECT_EQ(notice->payment_ids, std::vector<std::string>{kSessionId});

  // Five minutes and one second later the same delivery is stale.
  clock.Advance(std::chrono::seconds(301));
  auto stale = provider.ParseWebhook(headers, body, clock.Now());
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().reason, "signature_expired");

  // No header, a header signed with another secret, or a body changed after signing.
  clock.Set(At(t));
  EXPECT_FALSE(provider.ParseWebhook({}, body, clock.Now()).has_value());
  const app::WebhookHeaders other_secret = {
      {"Stripe-Signature",
       "t=" + std::to_string(t) + ",v1=" + StripeSignatureV1("whsec_attacker", t, body)}};
  EXPECT_EQ(provider.ParseWebhook(other_secret, body, clock.Now()).error().code,
            common::ErrorCode::kUnauthenticated);
  std::string tampered = body;
  tampered.replace(tampered.find("\"amount_total\": 1000"), 20, "\"amount_total\": 9000");
  EXPECT_EQ(provider.ParseWebhook(headers, tampered, clock.Now()).error().code,
            common::ErrorCode::kUnauthenticated);
}

TEST(StripeProvider, EveryHandledSessionEventNamesTheSessionAndOtherEventsNone) {
  auto provider = Provider("http://127.0.0.1:9");
  const std::int64_t t = 1764320095;
  auto sign = [&](const std::string& body) {
    return app::WebhookHeaders{
        {"Stripe-Signature",
         "t=" + std::to_string(t) + ",v1=" + StripeSignatureV1(kWebhookSecret, t, body)}};
  };
  auto event = nlohmann::json::parse(ReadTestData("stripe_event_checkout_session_completed.json"));
  for (std::string type : {"checkout.session.completed", "checkout.session.async_payment_succeeded",
                           "checkout.session.async_payment_failed", "checkout.session.expired"}) {
    event["type"] = type;
    const std::string body = event.dump();
    auto notice = provider.ParseWebhook(sign(body), body, At(t));
    ASSERT_TRUE(notice.has_value()) << type;
    EXPECT_EQ(notice->payment_ids, std::vector<std::string>{kSessionId}) << type;
  }
  event["type"] = "payment_intent.created";
  event["data"]["object"] = {{"id", "pi_3MtwBwLkdIwHu7ix28a3tqPa"}, {"object", "payment_intent"}};
  const std::string other = event.dump();
  auto ignored = provider.ParseWebhook(sign(other), other, At(t));
  ASSERT_TRUE(ignored.has_value());
  EXPECT_EQ(ignored->event_id, "evt_1QCmrhLkdIwHu7ixoNQ2iL0T");
  EXPECT_TRUE(ignored->payment_ids.empty());
}

}  // namespace
}  // namespace sealpost::adapters::payment
