// The sandbox checkout page end to end, without a browser: the real route handlers, templates,
// catalogues, session service (on a fresh SQLite database) and sandbox provider, with a local
// server standing in for sealpost's payment webhook. A tester opens the checkout URL, picks an
// outcome, the webhook is called like Mollie's and the browser goes back to the return URL.
#include "http/web/sandbox_checkout_pages.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <regex>

#include "adapters/payment/loopback_http_server.hpp"
#include "adapters/payment/sandbox_provider.hpp"
#include "adapters/storage/soci_database.hpp"
#include "app/usecases/session_service.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/seeded_random.hpp"
#include "http/router.hpp"

namespace sealpost::adapters::payment {
namespace {

using testing::CannedReply;
using testing::LoopbackHttpServer;
using testing::RecordedRequest;

constexpr const char* kBaseUrl = "http://localhost:8080";

class SandboxCheckoutPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sealpost-sandbox-page-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto database = storage::SociDatabase::Open("sqlite:" + (dir_ / "db.sqlite").string(), 2);
    ASSERT_TRUE(database.has_value()) << database.error().ToString();
    database_ = std::move(*database);
    sessions_ = std::make_unique<app::SessionService>(*database_, clock_, random_);
    const auto web_dir = std::filesystem::path(SEALPOST_SOURCE_DIR) / "web";
    auto translator = ui::Translator::Load(web_dir / "locales");
    ASSERT_TRUE(translator.has_value()) << translator.error().ToString();
    translator_ = std::make_unique<ui::Translator>(std::move(*translator));
    auto pages = ui::TemplateRenderer::Load(web_dir / "templates", *translator_);
    ASSERT_TRUE(pages.has_value()) << pages.error().ToString();
    pages_ = std::make_unique<ui::TemplateRenderer>(std::move(*pages));
    SandboxProviderOptions options;
    options.public_base_url = kBaseUrl;
    options.webhook_timeout = std::chrono::seconds(5);
    auto sandbox = SandboxProvider::Open(options, clock_, random_);
    ASSERT_TRUE(sandbox.has_value());
    sandbox_ = *sandbox;
    http::web::WebContext web{*pages_, *translator_, *sessions_, kBaseUrl, true};
    http::web::AddSandboxCheckoutPages(router_, {web, sandbox_});
  }

  void TearDown() override {
    sessions_.reset();
    database_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string CreatePayment() {
    app::PaymentRequest request;
    request.customer_account_id = "acct-42";
    request.amount = 2500;
    request.description = "sealpost top-up";
    request.return_url = std::string(kBaseUrl) + "/account/billing/top-ups/topup-0001";
    request.webhook_url = webhook_.BaseUrl() + "/webhooks/payments/sandbox";
    request.idempotency_key = "topup-0001-attempt-1";
    request.top_up_id = "topup-0001";
    auto created = sandbox_->CreatePayment(request);
    EXPECT_TRUE(created.has_value());
    EXPECT_TRUE(created->checkout_url.starts_with(kBaseUrl));
    return created->provider_payment_id;
  }

  http::HttpResponse Send(std::string method, std::string path, std::string cookie = "",
                          std::string form = "") {
    auto request = http::HttpRequest::FromTarget(std::move(method), std::move(path));
    EXPECT_TRUE(request.has_value());
    if (!cookie.empty()) request->headers.Add("Cookie", "sealpost_session=" + cookie);
    if (!form.empty()) {
      request->headers.Add("Content-Type", "application/x-www-form-urlencoded");
      request->body = std::move(form);
    }
    request->headers.Add("Accept-Language", "en");
    return router_.Handle(*request);
  }

  static std::string SessionCookieOf(const http::HttpResponse& response) {
    std::string value(response.headers.Get("Set-Cookie").value_or(""));
    const std::string prefix = "sealpost_session=";
    if (!value.starts_with(prefix)) return {};
    return value.substr(prefix.size(), value.find(';') - prefix.size());
  }

  static std::string CsrfOf(const std::string& html) {
    std::smatch match;
    static const std::regex kCsrf(R"re(name="csrf" value="([^"]+)")re");
    return std::regex_search(html, match, kCsrf) ? match[1].str() : std::string();
  }

  std::filesystem::path dir_;
  sealpost::testing::FakeClock clock_{common::TimePoint(std::chrono::seconds(1764320000))};
  sealpost::testing::SeededRandom random_{11};
  std::unique_ptr<storage::SociDatabase> database_;
  std::unique_ptr<app::SessionService> sessions_;
  std::unique_ptr<ui::Translator> translator_;
  std::unique_ptr<ui::TemplateRenderer> pages_;
  std::shared_ptr<SandboxProvider> sandbox_;
  http::Router router_;
  LoopbackHttpServer webhook_{[](const RecordedRequest&) {
    return CannedReply{200, "text/plain", ""};
  }};
};

TEST_F(SandboxCheckoutPagesTest, TheTesterPaysAndTheWebhookIsCalledBeforeGoingBack) {
  const std::string id = CreatePayment();
  const std::string page = "/sandbox/checkout/" + id;
  auto shown = Send("GET", page);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(shown.body.find(id), std::string::npos);
  for (const char* outcome : {"paid", "failed", "canceled", "expired"}) {
    EXPECT_NE(shown.body.find(std::string("value=\"") + outcome + "\""), std::string::npos);
  }
  const std::string cookie = SessionCookieOf(shown);
  const std::string csrf = CsrfOf(shown.body);
  ASSERT_FALSE(cookie.empty());
  ASSERT_FALSE(csrf.empty());

  // Without the form's token (another site posting), nothing happens.
  auto forged = Send("POST", page, cookie, "outcome=paid&csrf=wrong");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(sandbox_->FetchPayment(id)->status, domain::PaymentStatus::kOpen);
  EXPECT_TRUE(webhook_.requests().empty());

  auto chosen = Send("POST", page, cookie, "outcome=paid&csrf=" + csrf);
  EXPECT_EQ(chosen.status, 303);
  EXPECT_EQ(chosen.headers.Get("Location"), "/account/billing/top-ups/topup-0001");
  auto calls = webhook_.requests();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].body, "id=" + id);
  EXPECT_EQ(sandbox_->FetchPayment(id)->status, domain::PaymentStatus::kPaid);

  // Back on the page: the outcome, no buttons; choosing again changes nothing.
  auto again = Send("GET", page, cookie);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body.find("name=\"outcome\""), std::string::npos);
  EXPECT_NE(again.body.find("This payment has been paid."), std::string::npos);
  auto second = Send("POST", page, cookie, "outcome=failed&csrf=" + csrf);
  EXPECT_EQ(second.status, 303);
  EXPECT_EQ(second.headers.Get("Location"), page);
  EXPECT_EQ(sandbox_->FetchPayment(id)->status, domain::PaymentStatus::kPaid);
  EXPECT_EQ(webhook_.requests().size(), 1u);
}

TEST_F(SandboxCheckoutPagesTest, RefusesAnUnknownPaymentAndAnUnknownOutcome) {
  EXPECT_EQ(Send("GET", "/sandbox/checkout/sbx_unknown").status, 404);
  const std::string id = CreatePayment();
  auto shown = Send("GET", "/sandbox/checkout/" + id);
  const std::string cookie = SessionCookieOf(shown);
  auto odd = Send("POST", "/sandbox/checkout/" + id, cookie,
                  "outcome=refunded&csrf=" + CsrfOf(shown.body));
  EXPECT_EQ(odd.status, 400);
  EXPECT_EQ(sandbox_->FetchPayment(id)->status, domain::PaymentStatus::kOpen);
}

}  // namespace
}  // namespace sealpost::adapters::payment
