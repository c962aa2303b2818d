// The catalogue check: this is what fails `make test` when a message is missing in a language,
// when languages disagree on a message's arguments, or when a template names a message that does
// not exist.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "ui/catalog_check.hpp"
#include "ui/error_messages.hpp"
#include "ui/template_renderer.hpp"
#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::ShippedTranslator;
using testing::TempDir;
using testing::WebDir;

std::string Lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "  " + line + "\n";
  return out;
}

TEST(CatalogueCheck, EveryKeyIsInEveryLanguageWithTheSameArguments) {
  auto problems = FindCatalogProblems(ShippedTranslator().catalog());
  EXPECT_TRUE(problems.empty()) << "web/locales disagree:\n" << Lines(problems);
}

TEST(CatalogueCheck, EveryMessageATemplateNeedsExistsInEveryLanguage) {
  auto renderer = TemplateRenderer::Load(WebDir() / "templates", ShippedTranslator());
  ASSERT_TRUE(renderer.has_value()) << renderer.error().ToString();
  auto problems = renderer->FindMissingMessages();
  EXPECT_TRUE(problems.empty()) << "web/templates need messages that web/locales lack:\n"
                                << Lines(problems);
}

// An independent scan of the template files (a plain search for "{{t_", not the renderer's
// outline), so that a bug in the outline cannot hide a missing message.
TEST(CatalogueCheck, IndependentScanOfTheTemplateFiles) {
  const Catalog& catalog = ShippedTranslator().catalog();
  std::set<std::string> scanned;
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(WebDir() / "templates")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    for (const std::string& name : testing::ScanMarkers(content)) {
      scanned.insert(name);
      auto key = catalog.KeyForMarker(name);
      if (!key) {
        ADD_FAILURE() << entry.path() << ": {{" << name << "}} names no catalogue message";
        continue;
      }
      for (Language language : kAllLanguages) {
        EXPECT_NE(catalog.Find(language, *key), nullptr)
            << entry.path() << ": " << *key << " missing in " << LanguageCode(language) << ".json";
      }
    }
  }
  EXPECT_GE(files, 4);

  auto renderer = TemplateRenderer::Load(WebDir() / "templates", ShippedTranslator());
  ASSERT_TRUE(renderer.has_value()) << renderer.error().ToString();
  std::set<std::string> outlined;
  for (const auto& reference : renderer->MessageReferences()) {
    if (!reference.marker.empty()) outlined.insert(reference.marker);
  }
  EXPECT_EQ(outlined, scanned) << "the renderer's outline and the plain scan disagree";
}

TEST(CatalogueCheck, EveryPageHasATitleAndEveryErrorCodeAMessage) {
  const Catalog& catalog = ShippedTranslator().catalog();
  for (const char* key : {"home.title", "sign_in.title", "error.title", "language.name", "app.name",
                          "error.page_not_found", "error.form_expired"}) {
    for (Language language : kAllLanguages) {
      EXPECT_NE(catalog.Find(language, key), nullptr) << key << " " << LanguageCode(language);
    }
  }
  for (common::ErrorCode code : kAllErrorCodes) {
    for (Language language : kAllLanguages) {
      EXPECT_NE(catalog.Find(language, ErrorMessageKey(code)), nullptr)
          << ErrorMessageKey(code) << " " << LanguageCode(language);
    }
  }
}

TEST(CatalogueCheck, EachLanguageNamesItselfDifferently) {
  std::set<std::string> names;
  for (Language language : kAllLanguages) {
    names.insert(ShippedTranslator().Text(language, "language.name"));
  }
  EXPECT_EQ(names, (std::set<std::string>{"Nederlands", "Français", "English", "Deutsch"}));
}

// The check itself: it must notice what it is there to notice.
TEST(CatalogueCheck, ReportsAMissingKeyAndDifferentArguments) {
  TempDir dir;
  const std::string base = R"("app.name": "x", "language.name": "x", )"
                           R"("error.invalid_argument": "x", "error.not_found": "x", )"
                           R"("error.conflict": "x", "error.failed_precondition": "x", )"
                           R"("error.unauthenticated": "x", "error.permission_denied": "x", )"
                           R"("error.unavailable": "x", "error.internal": "x")";
  testing::WriteCatalogues(dir, {
                                    {"nl", "{" + base + R"(, "a.b": "{n} x", "c": "y"})"},
                                    {"fr", "{" + base + R"(, "a.b": "{n} x"})"},
                                    {"en", "{" + base + R"(, "a.b": "{n} x", "c": "y"})"},
                                    {"de", "{" + base + R"(, "a.b": "{m} x", "c": "y"})"},
                                });
  auto catalog = Catalog::Load(dir.path());
  ASSERT_TRUE(catalog.has_value()) << catalog.error().ToString();
  auto problems = FindCatalogProblems(*catalog);
  ASSERT_EQ(problems.size(), 2u) << Lines(problems);
  EXPECT_NE(problems[0].find("\"a.b\" has different arguments"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("de {m}"), std::string::npos) << problems[0];
  EXPECT_EQ(problems[1], "fr.json lacks \"c\"");
}

TEST(CatalogueCheck, ReportsATemplateMarkerWithoutMessage) {
  TempDir templates;
  templates.Write(
      "page.html",
      "{{%AUTOESCAPE context=\"HTML\"}}\n<p>{{t_app_name}} {{t_no_such_message}}</p>\n");
  auto renderer = TemplateRenderer::Load(templates.path(), ShippedTranslator());
  ASSERT_TRUE(renderer.has_value()) << renderer.error().ToString();
  auto problems = renderer->FindMissingMessages();
  // The page title "page.title" is missing in all four languages, and the marker names nothing.
  ASSERT_EQ(problems.size(), 5u) << Lines(problems);
  EXPECT_NE(Lines(problems).find("{{t_no_such_message}} names no catalogue message"),
            std::string::npos)
      << Lines(problems);
  EXPECT_NE(Lines(problems).find("page.html: the page title \"page.title\" is missing in de.json"),
            std::string::npos)
      << Lines(problems);
}

}  // namespace
}  // namespace sealpost::ui
