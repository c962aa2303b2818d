// The shipped pages (web/templates) rendered in each language: the right language's text and
// `lang`, formatted amounts, the language switcher, the demo banner, escaping of caller values,
// and no catalogue key or marker leaking into the page.
#include <gtest/gtest.h>

#include "ui/error_messages.hpp"
#include "ui/template_renderer.hpp"
#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::kNbsp;
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

// ctemplate's HTML escaping of message text (the catalogue holds plain text).
std::string Escaped(std::string text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// No key, no marker, no unformatted argument in the page; nothing counted as missing.
void ExpectNothingLeaks(const std::string& html, std::uint64_t missing_before,
                        std::uint64_t bad_before) {
  EXPECT_EQ(ShippedTranslator().missing_key_count(), missing_before)
      << ::testing::PrintToString(ShippedTranslator().MissingKeys());
  EXPECT_EQ(ShippedTranslator().bad_argument_count(), bad_before);
  EXPECT_FALSE(Contains(html, "{{")) << html;
  EXPECT_FALSE(testing::ContainsMarkerWord(html)) << html;
  EXPECT_FALSE(testing::ContainsArgumentPlaceholder(html)) << "an argument leaked: " << html;
  for (Language language : kAllLanguages) {
    for (const std::string& key : ShippedTranslator().catalog().Keys(language)) {
      EXPECT_FALSE(Contains(html, key)) << "catalogue key " << key << " leaked";
    }
  }
}

TEST(Pages, TheLeakDetectorsDetect) {
  EXPECT_TRUE(testing::ContainsMarkerWord("<nav aria-label=\"t_layout_x\">"));
  EXPECT_FALSE(testing::ContainsMarkerWord("<p>set_t_x at_t</p>"));
  EXPECT_TRUE(testing::ContainsArgumentPlaceholder("15 {acceptance_days} left"));
  EXPECT_FALSE(testing::ContainsArgumentPlaceholder("a { b } {} {Name}"));
  EXPECT_EQ(testing::ScanMarkers("{{t_a}} {{ t_b:none}} {{x}} {{#t_s}}"),
            (std::vector<std::string>{"t_a", "t_b"}));
}

View HomeView() {
  View view;
  view.Set("price", Money{80}).Set("acceptance_days", std::int64_t{15});
  return view;
}

struct Expected {
  Language language;
  const char* home_phrase;     // a phrase only the right language has
  std::string price;           // the formatted price
  const char* days_phrase;     // the plural
  const char* sign_in_button;  // "Sign in with itsme"
};

std::vector<Expected> Languages() {
  return {
      {Language::kNl, "aangetekende zending", std::string("€") + kNbsp + "0,80", "15 dagen",
       "Aanmelden met itsme"},
      {Language::kFr, "envoi recommandé électronique", std::string("0,80") + kNbsp + "€",
       "15 jours", "Se connecter avec itsme"},
      {Language::kEn, "electronic registered item", "€0.80", "15 days", "Sign in with itsme"},
      {Language::kDe, "elektronisches Einschreiben", std::string("0,80") + kNbsp + "€", "15 Tage",
       "Mit itsme anmelden"},
  };
}

TEST(Pages, HomeInEachLanguage) {
  for (const Expected& e : Languages()) {
    SCOPED_TRACE(LanguageCode(e.language));
    const auto missing = ShippedTranslator().missing_key_count();
    const auto bad = ShippedTranslator().bad_argument_count();
    auto html = Pages().RenderPage("home.html", {e.language, "/", false}, HomeView());
    ASSERT_TRUE(html.has_value()) << html.error().ToString();
    const auto& t = ShippedTranslator();
    EXPECT_TRUE(Contains(*html, "<html lang=\"" + std::string(LanguageCode(e.language)) + "\">"));
    EXPECT_TRUE(Contains(
        *html, "<title>" + Escaped(t.Text(e.language, "home.title")) + " · sealpost</title>"))
        << *html;
    EXPECT_TRUE(Contains(*html, "<h1>" + Escaped(t.Text(e.language, "home.heading")) + "</h1>"));
    EXPECT_TRUE(Contains(*html, e.home_phrase)) << *html;
    EXPECT_TRUE(Contains(*html, e.price)) << *html;
    EXPECT_TRUE(Contains(*html, e.days_phrase)) << *html;
    EXPECT_FALSE(Contains(*html, "demo-banner"));
    ExpectNothingLeaks(*html, missing, bad);
  }
}

TEST(Pages, TheDoctypeComesFirst) {
  auto html = Pages().RenderPage("home.html", {Language::kNl, "/", false}, HomeView());
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(html->starts_with("<!doctype html>")) << html->substr(0, 80);
}

TEST(Pages, LanguageSwitcherKeepsThePathAndMarksTheCurrentLanguage) {
  auto html =
      Pages().RenderPage("home.html", {Language::kFr, "/items?page=2&lang=de", false}, HomeView());
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(Contains(*html,
                       "<a href=\"/items?page=2&amp;lang=nl\" lang=\"nl\" hreflang=\"nl\" "
                       "aria-current=\"false\">Nederlands</a>"))
      << *html;
  EXPECT_TRUE(Contains(*html,
                       "<a href=\"/items?page=2&amp;lang=fr\" lang=\"fr\" hreflang=\"fr\" "
                       "aria-current=\"true\">Français</a>"))
      << *html;
  EXPECT_TRUE(Contains(*html, "lang=\"en\" hreflang=\"en\" aria-current=\"false\">English</a>"));
  EXPECT_TRUE(Contains(*html, "lang=\"de\" hreflang=\"de\" aria-current=\"false\">Deutsch</a>"));
  // A hostile target never becomes an off-site link.
  auto hostile =
      Pages().RenderPage("home.html", {Language::kFr, "//evil.example/\"><x", false}, HomeView());
  ASSERT_TRUE(hostile.has_value());
  EXPECT_FALSE(Contains(*hostile, "evil.example"));
  EXPECT_TRUE(Contains(*hostile, "<a href=\"/?lang=de\""));
}

TEST(Pages, DemoBannerOnlyInDemoMode) {
  for (Language language : kAllLanguages) {
    auto html = Pages().RenderPage("home.html", {language, "/", true}, HomeView());
    ASSERT_TRUE(html.has_value()) << html.error().ToString();
    EXPECT_TRUE(Contains(*html, "class=\"demo-banner\""));
    EXPECT_TRUE(Contains(*html, Escaped(ShippedTranslator().Text(language, "demo.banner"))));
  }
}

TEST(Pages, SignInInEachLanguage) {
  for (const Expected& e : Languages()) {
    SCOPED_TRACE(LanguageCode(e.language));
    const auto missing = ShippedTranslator().missing_key_count();
    const auto bad = ShippedTranslator().bad_argument_count();
    View view;
    view.Set("csrf", std::string("token-123"));
    view.AddRow("providers")
        .Set("action", std::string("/sign-in/itsme"))
        .Set("provider", std::string("itsme"));
    view.AddRow("providers")
        .Set("action", std::string("/sign-in/eid"))
        .Set("provider", std::string("Belgian eID"));
    auto html = Pages().RenderPage("sign_in.html", {e.language, "/sign-in", false}, view);
    ASSERT_TRUE(html.has_value()) << html.error().ToString();
    EXPECT_TRUE(Contains(*html, "<html lang=\"" + std::string(LanguageCode(e.language)) + "\">"));
    EXPECT_TRUE(Contains(*html, e.sign_in_button)) << *html;
    EXPECT_TRUE(Contains(*html, "<form method=\"post\" action=\"/sign-in/itsme\">")) << *html;
    EXPECT_TRUE(Contains(*html, "<form method=\"post\" action=\"/sign-in/eid\">")) << *html;
    // One CSRF field per form.
    std::string field = "<input type=\"hidden\" name=\"csrf\" value=\"token-123\">";
    std::size_t fields = 0;
    for (auto at = html->find(field); at != std::string::npos; at = html->find(field, at + 1)) {
      ++fields;
    }
    EXPECT_EQ(fields, 2u);
    EXPECT_FALSE(Contains(*html, Escaped(ShippedTranslator().Text(e.language, "sign_in.none"))));
    ExpectNothingLeaks(*html, missing, bad);
  }
}

TEST(Pages, SignInEscapesWhatTheCallerPasses) {
  View view;
  view.Set("csrf", std::string("\"><script>alert(1)</script>"));
  view.AddRow("providers")
      .Set("action", std::string("javascript:alert(1)"))
      .Set("provider", std::string("<img src=x onerror=alert(1)>"));
  auto html = Pages().RenderPage("sign_in.html", {Language::kEn, "/sign-in", false}, view);
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_FALSE(Contains(*html, "<script>"));
  EXPECT_FALSE(Contains(*html, "<img"));
  EXPECT_TRUE(Contains(*html, "value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
      << *html;
  EXPECT_TRUE(Contains(*html, "action=\"#\"")) << *html;
  EXPECT_TRUE(Contains(*html, "Sign in with &lt;img src=x onerror=alert(1)&gt;")) << *html;
}

TEST(Pages, SignInWithoutProviders) {
  View view;
  view.Set("csrf", std::string("t")).Show("no_providers");
  auto html = Pages().RenderPage("sign_in.html", {Language::kDe, "/sign-in", false}, view);
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(Contains(*html, "Die Anmeldung ist derzeit nicht möglich.")) << *html;
  EXPECT_FALSE(Contains(*html, "<form"));
}

TEST(Pages, ErrorPageInEachLanguage) {
  const char* headings[] = {"Er is iets misgegaan", "Une erreur s’est produite",
                            "Something went wrong", "Etwas ist schiefgelaufen"};
  for (Language language : kAllLanguages) {
    SCOPED_TRACE(LanguageCode(language));
    const auto missing = ShippedTranslator().missing_key_count();
    const auto bad = ShippedTranslator().bad_argument_count();
    View view;
    view.Set("status", std::int64_t{404})
        .Set("message", MessageKey{ErrorMessageKey(common::ErrorCode::kNotFound)});
    auto html = Pages().RenderPage("error.html", {language, "/nope", false}, view);
    ASSERT_TRUE(html.has_value()) << html.error().ToString();
    EXPECT_TRUE(Contains(
        *html, std::string("<h1>") + Escaped(headings[static_cast<int>(language)]) + "</h1>"))
        << *html;
    EXPECT_TRUE(Contains(*html, "<p class=\"error-summary\">" +
                                    Escaped(ShippedTranslator().Text(language, "error.not_found")) +
                                    "</p>"))
        << *html;
    EXPECT_TRUE(Contains(*html, "404")) << *html;
    ExpectNothingLeaks(*html, missing, bad);
  }
}

TEST(Pages, OnlyPagesRenderInTheLayout) {
  EXPECT_EQ(Pages().RenderPage("layout.html", {}, View{}).error().code,
            common::ErrorCode::kNotFound);
  EXPECT_EQ(Pages().RenderPage("nope.html", {}, View{}).error().code, common::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sealpost::ui
