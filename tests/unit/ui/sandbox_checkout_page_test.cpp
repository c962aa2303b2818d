// The sandbox checkout page (web/templates/sandbox_checkout.html) in each language: the four
// choices while the payment is open, the recorded outcome once it is not, and no catalogue key
// or marker leaking into the page.
#include <gtest/gtest.h>

#include "ui/template_renderer.hpp"
#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::ShippedTranslator;

const TemplateRenderer& Pages() {
  static const TemplateRenderer* renderer = [] {
    auto loaded = TemplateRenderer::Load(testing::WebDir() / "templates", ShippedTranslator());
    if (!loaded) {
      ADD_FAILURE() << loaded.error().ToString();
      std::abort();
    }
    return new TemplateRenderer(std::move(*loaded));
  }();
  return *renderer;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

View PaymentView() {
  View view;
  view.Set("amount", Money{2500});
  view.Set("description", "sealpost top-up <25 EUR>");
  view.Set("method", MessageKey{"sandbox_checkout.method_bancontact"});
  view.Set("payment_id", "sbx_0123456789abcdef01234567");
  return view;
}

void ExpectNoLeaks(const std::string& html, std::uint64_t missing_before) {
  EXPECT_EQ(ShippedTranslator().missing_key_count(), missing_before)
      << ::testing::PrintToString(ShippedTranslator().MissingKeys());
  EXPECT_FALSE(Contains(html, "{{")) << html;
  EXPECT_FALSE(testing::ContainsMarkerWord(html)) << html;
  EXPECT_FALSE(testing::ContainsArgumentPlaceholder(html)) << html;
  EXPECT_FALSE(Contains(html, "sandbox_checkout.")) << html;
}

TEST(SandboxCheckoutPage, OffersTheFourOutcomesWhileOpenInEachLanguage) {
  for (Language language : kAllLanguages) {
    SCOPED_TRACE(LanguageCode(language));
    const auto missing = ShippedTranslator().missing_key_count();
    View view = PaymentView();
    view.AddRow("choose").Set("action", "/sandbox/checkout/sbx_0123").Set("csrf", "token-1");
    auto html = Pages().RenderPage("sandbox_checkout.html", {language, "/", true}, view);
    ASSERT_TRUE(html.has_value()) << html.error().ToString();
    for (const char* outcome : {"paid", "failed", "canceled", "expired"}) {
      EXPECT_TRUE(Contains(*html, std::string("name=\"outcome\" value=\"") + outcome + "\""));
    }
    EXPECT_TRUE(Contains(*html, "name=\"csrf\" value=\"token-1\""));
    EXPECT_TRUE(Contains(*html, "action=\"/sandbox/checkout/sbx_0123\""));
    EXPECT_TRUE(Contains(*html, "sealpost top-up &lt;25 EUR&gt;"));  // caller text is escaped
    EXPECT_TRUE(Contains(*html, "Bancontact"));
    EXPECT_TRUE(Contains(*html, ShippedTranslator().Text(language, "sandbox_checkout.pay")));
    ExpectNoLeaks(*html, missing);
  }
}

TEST(SandboxCheckoutPage, ShowsTheRecordedOutcomeInsteadOfTheChoices) {
  for (Language language : kAllLanguages) {
    SCOPED_TRACE(LanguageCode(language));
    const auto missing = ShippedTranslator().missing_key_count();
    View view = PaymentView();
    view.AddRow("settled")
        .Set("status", MessageKey{"sandbox_checkout.status_expired"})
        .Set("return_path", "/account/billing");
    auto html = Pages().RenderPage("sandbox_checkout.html", {language, "/", true}, view);
    ASSERT_TRUE(html.has_value()) << html.error().ToString();
    EXPECT_FALSE(Contains(*html, "name=\"outcome\""));
    EXPECT_TRUE(Contains(*html, "href=\"/account/billing\""));
    EXPECT_TRUE(
        Contains(*html, ShippedTranslator().Text(language, "sandbox_checkout.status_expired")));
    ExpectNoLeaks(*html, missing);
  }
}

}  // namespace
}  // namespace sealpost::ui
