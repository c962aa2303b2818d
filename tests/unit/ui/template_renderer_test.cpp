// TemplateRenderer: auto-escaping, plain-text mode, messages filled per section row, and fail-fast
// loading.
#include "ui/template_renderer.hpp"

#include <gtest/gtest.h>

#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::ShippedTranslator;
using testing::TempDir;

const TemplateRenderer& TestRenderer() {
  static const TemplateRenderer* renderer = [] {
    auto loaded = TemplateRenderer::Load(testing::TestData() / "templates", ShippedTranslator());
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

TEST(TemplateRenderer, EscapesValuesInTextAttributesAndUrls) {
  View view;
  view.Set("text", std::string("<script>alert(1)</script> & co"))
      .Set("attribute", std::string("\" onmouseover=\"alert(1)"))
      .Set("url", std::string("javascript:alert(1)"));
  auto html = TestRenderer().Render("escape.html", Language::kEn, view);
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(
      Contains(*html, "<p class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>"))
      << *html;
  EXPECT_TRUE(Contains(*html, "<p title=\"&quot; onmouseover=&quot;alert(1)\">sealpost</p>"))
      << *html;
  EXPECT_TRUE(Contains(*html, "value=\"&quot; onmouseover=&quot;alert(1)\"")) << *html;
  EXPECT_TRUE(Contains(*html, "<a href=\"#\">")) << "a javascript: URL must not survive: " << *html;
  EXPECT_FALSE(Contains(*html, "<script>")) << *html;
  EXPECT_FALSE(Contains(*html, "\" onmouseover")) << *html;
}

TEST(TemplateRenderer, KeepsSafeUrlsAndEscapesTheirAmpersands) {
  View view;
  view.Set("url", std::string("/items?page=2&lang=fr"));
  auto html = TestRenderer().Render("escape.html", Language::kEn, view);
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(Contains(*html, "<a href=\"/items?page=2&amp;lang=fr\">")) << *html;
}

TEST(TemplateRenderer, PlainTextTemplatesAreNotEscaped) {
  View view;
  view.Set("text", std::string("<b>Tom & Jerry</b> \"quoted\""))
      .Set("provider", std::string("itsme"));
  auto text = TestRenderer().Render("mail/notice.txt", Language::kDe, view);
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  EXPECT_EQ(*text, "sealpost: <b>Tom & Jerry</b> \"quoted\"\nMit itsme anmelden\n");
}

TEST(TemplateRenderer, MessagesInSectionsTakeTheirRowsValues) {
  View view;
  view.AddRow("providers").Set("provider", std::string("itsme")).Set("action", std::string("/a"));
  view.AddRow("providers").Set("provider", std::string("<eID>")).Set("action", std::string("/b"));
  view.Set("message", MessageKey{"error.not_found"});
  View& outer = view.AddRow("outer").Set("label", std::string("L"));
  outer.AddRow("inner").Set("provider", std::string("X"));
  outer.AddRow("inner").Set("provider", std::string("Y"));
  auto html = TestRenderer().Render("rows.html", Language::kFr, view);
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(Contains(*html, "<li>Se connecter avec itsme|/a</li>")) << *html;
  EXPECT_TRUE(Contains(*html, "<li>Se connecter avec &lt;eID&gt;|/b</li>")) << *html;
  EXPECT_TRUE(
      Contains(*html, "<p>" + ShippedTranslator().Text(Language::kFr, "error.not_found") + "</p>"))
      << *html;
  EXPECT_TRUE(
      Contains(*html, "<div>L:<span>Se connecter avec X</span><span>Se connecter avec Y</span>"))
      << *html;
}

TEST(TemplateRenderer, AMissingMessageShowsItsMarkerAndIsCounted) {
  const auto before = ShippedTranslator().missing_key_count();
  auto html = TestRenderer().Render("unknown_marker.html", Language::kNl, View{});
  ASSERT_TRUE(html.has_value()) << html.error().ToString();
  EXPECT_TRUE(Contains(*html, "<p>t_no_such_message</p>")) << *html;
  EXPECT_EQ(ShippedTranslator().missing_key_count(), before + 1);
}

TEST(TemplateRenderer, UnknownTemplatesAndPages) {
  EXPECT_EQ(TestRenderer().Render("nope.html", Language::kNl, View{}).error().code,
            common::ErrorCode::kNotFound);
  // The test templates have no layout.
  EXPECT_FALSE(TestRenderer().RenderPage("escape.html", PageContext{}, View{}).has_value());
  EXPECT_EQ(TestRenderer().TemplateNames(),
            (std::vector<std::string>{"escape.html", "mail/notice.txt", "rows.html",
                                      "unknown_marker.html"}));
}

void ExpectLoadError(const std::string& name, const std::string& content,
                     const std::string& expected_part) {
  TempDir dir;
  dir.Write(name, content);
  auto renderer = TemplateRenderer::Load(dir.path(), ShippedTranslator());
  ASSERT_FALSE(renderer.has_value()) << name << ":\n" << content;
  EXPECT_NE(renderer.error().message.find(expected_part), std::string::npos)
      << renderer.error().message;
  EXPECT_NE(renderer.error().message.find(name), std::string::npos)
      << "the error must name the file: " << renderer.error().message;
}

TEST(TemplateRendererLoad, FailsFastNamingTheFile) {
  ExpectLoadError("page.html", "<p>{{text}}</p>\n", "must start with {{%AUTOESCAPE");
  ExpectLoadError("page.html", "<p>x</p>{{%AUTOESCAPE context=\"HTML\"}}\n", "must come first");
  ExpectLoadError("mail/x.txt", "{{%AUTOESCAPE context=\"HTML\"}}\nHello\n", "take no AUTOESCAPE");
  ExpectLoadError("page.html", "{{%AUTOESCAPE context=\"HTML\"}}\n{{#a}}x\n", "is not closed");
  ExpectLoadError("page.html", "{{%AUTOESCAPE context=\"HTML\"}}\n{{/a}}\n", "closes no section");
  ExpectLoadError("page.html", "{{%AUTOESCAPE context=\"HTML\"}}\n<p>{{text</p>\n", "unterminated");
  // An unquoted URL attribute has no safe escaping: ctemplate's auto-escaper refuses the template.
  ExpectLoadError("page.html", "{{%AUTOESCAPE context=\"HTML\"}}\n<a href={{url}}>x</a>\n",
                  "ctemplate cannot parse it");
  ExpectLoadError("page.md", "# notes\n", "not a template");
  ExpectLoadError("layout.html", "{{%AUTOESCAPE context=\"HTML\"}}\n<main></main>\n",
                  "{{>content}}");
  ExpectLoadError("page.html", "{{%AUTOESCAPE context=\"HTML\"}}\n{{>content}}\n",
                  "only layout.html may include");
  EXPECT_FALSE(
      TemplateRenderer::Load("/nonexistent/sealpost/templates", ShippedTranslator()).has_value());
}

}  // namespace
}  // namespace sealpost::ui
