// Catalog::Load fails fast, naming the file and the key, on anything a page could not show
// correctly.
#include "ui/catalog.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::TempDir;

// Loads a catalogue where nl.json holds `nl_messages` and the other languages one valid message.
common::Result<Catalog> LoadWithDutch(const std::string& nl_messages) {
  TempDir dir;
  testing::WriteCatalogues(dir, {{"nl", nl_messages},
                                 {"fr", R"({"a": "b"})"},
                                 {"en", R"({"a": "b"})"},
                                 {"de", R"({"a": "b"})"}});
  return Catalog::Load(dir.path());
}

void ExpectLoadError(const std::string& nl_messages, const std::string& expected_part) {
  auto catalog = LoadWithDutch(nl_messages);
  ASSERT_FALSE(catalog.has_value()) << nl_messages;
  EXPECT_EQ(catalog.error().code, common::ErrorCode::kInvalidArgument);
  EXPECT_NE(catalog.error().message.find(expected_part), std::string::npos)
      << catalog.error().message;
  EXPECT_NE(catalog.error().message.find("nl.json"), std::string::npos)
      << "the error must name the file: " << catalog.error().message;
}

TEST(CatalogLoad, NamesFileAndKeyOfAMessageThatDoesNotParse) {
  ExpectLoadError(R"({"a": "b", "home.broken": "{count, plural, one {x}"})",
                  "message \"home.broken\": does not parse");
}

TEST(CatalogLoad, RejectsAsciiApostrophes) {
  // "l'{name}" would make ICU quote the argument away.
  ExpectLoadError(R"({"a": "l'{name}"})", "ASCII apostrophe");
}

TEST(CatalogLoad, RejectsDateTimeArgumentsBecauseOfTheTimeZone) {
  ExpectLoadError(R"({"a": "{when, date, long}"})", "{when, date, long} is not supported");
  ExpectLoadError(R"({"a": "{when, time}"})", "{when, time} is not supported");
}

TEST(CatalogLoad, RejectsCurrencyStyleNumbersNumberedArgumentsAndChoice) {
  ExpectLoadError(R"({"a": "{price, number, currency}"})", "is not supported");
  ExpectLoadError(R"({"a": "{0} items"})", "numbered argument");
  ExpectLoadError(R"({"a": "{n, choice, 0#none|1#one}"})", "choice");
}

TEST(CatalogLoad, RejectsBadKeysNestedObjectsEmptyMessagesAndDuplicates) {
  ExpectLoadError(R"({"Home.Title": "x"})", "bad key");
  ExpectLoadError(R"({"home..title": "x"})", "bad key");
  ExpectLoadError(R"({"home": {"title": "x"}})", "catalogues are flat");
  ExpectLoadError(R"({"a": ""})", "empty");
  ExpectLoadError(R"({"a": "x", "a": "y"})", "message \"a\": appears twice");
  ExpectLoadError(R"({"a": "x", "a.b": "y", "a_b": "z"})", "shares its template marker t_a_b");
  ExpectLoadError(R"(["a"])", "must be a JSON object");
  ExpectLoadError(R"({"a": )", "not valid JSON");
}

TEST(CatalogLoad, RequiresTheFourLanguagesAndNoOther) {
  {
    TempDir dir;
    testing::WriteCatalogues(dir, {{"nl", "{}"}, {"fr", "{}"}, {"en", "{}"}});
    auto catalog = Catalog::Load(dir.path());
    ASSERT_FALSE(catalog.has_value());
    EXPECT_NE(catalog.error().message.find("de.json: cannot be read"), std::string::npos)
        << catalog.error().message;
  }
  {
    TempDir dir;
    testing::WriteSameCatalogue(dir, "{}");
    dir.Write("es.json", "{}");
    auto catalog = Catalog::Load(dir.path());
    ASSERT_FALSE(catalog.has_value());
    EXPECT_NE(catalog.error().message.find("es.json: not a supported language"), std::string::npos)
        << catalog.error().message;
  }
  EXPECT_FALSE(Catalog::Load("/nonexistent/sealpost/locales").has_value());
}

TEST(CatalogLoad, AreaFilesAddToTheirLanguageAndAKeyLivesInOneFile) {
  {
    TempDir dir;
    testing::WriteSameCatalogue(dir, R"({"a": "b"})");
    std::filesystem::create_directories(dir.path() / "fr");
    dir.Write("fr/mail.json", R"({"mail.subject": "Envoi recommandé de {sender}"})");
    auto catalog = Catalog::Load(dir.path());
    ASSERT_TRUE(catalog.has_value()) << catalog.error().ToString();
    ASSERT_NE(catalog->Find(Language::kFr, "mail.subject"), nullptr);
    EXPECT_EQ(catalog->Find(Language::kNl, "mail.subject"), nullptr);
    EXPECT_NE(catalog->Find(Language::kFr, "a"), nullptr);
  }
  {
    TempDir dir;
    testing::WriteSameCatalogue(dir, R"({"a": "b"})");
    std::filesystem::create_directories(dir.path() / "de");
    dir.Write("de/pages.json", R"({"a": "c"})");
    auto catalog = Catalog::Load(dir.path());
    ASSERT_FALSE(catalog.has_value());
    EXPECT_NE(catalog.error().message.find("de/pages.json"), std::string::npos)
        << catalog.error().message;
  }
  {
    TempDir dir;
    testing::WriteSameCatalogue(dir, R"({"a": "b"})");
    std::filesystem::create_directories(dir.path() / "es");
    auto catalog = Catalog::Load(dir.path());
    ASSERT_FALSE(catalog.has_value());
    EXPECT_NE(catalog.error().message.find("not a supported language"), std::string::npos);
  }
}

TEST(CatalogLoad, ExposesArgumentNamesAndKinds) {
  TempDir dir;
  testing::WriteSameCatalogue(
      dir, R"({"m": "{who} sent {count, plural, one {# item} other {# items}} ({kind, select, )"
           R"(paper {on paper} other {online}}) costing {price}"})");
  auto catalog = Catalog::Load(dir.path());
  ASSERT_TRUE(catalog.has_value()) << catalog.error().ToString();
  const Message* message = catalog->Find(Language::kFr, "m");
  ASSERT_NE(message, nullptr);
  EXPECT_EQ(message->argument_names(), (std::vector<std::string>{"count", "kind", "price", "who"}));
  EXPECT_EQ(message->argument_kinds(),
            (std::vector<ArgumentKind>{ArgumentKind::kNumber, ArgumentKind::kChoice,
                                       ArgumentKind::kText, ArgumentKind::kText}));
  EXPECT_EQ(catalog->KeyForMarker("t_m"), "m");
  EXPECT_EQ(catalog->KeyForMarker("t_nothing"), std::nullopt);
  EXPECT_EQ(catalog->Find(Language::kFr, "nothing"), nullptr);
  EXPECT_EQ(MarkerForKey("home.price_note"), "t_home_price_note");
}

TEST(CatalogLoad, TypographicApostrophesAndMessagesWithoutArguments) {
  TempDir dir;
  testing::WriteSameCatalogue(dir, R"({"m": "L’envoi {x}", "c": "Constant ’text’"})");
  auto catalog = Catalog::Load(dir.path());
  ASSERT_TRUE(catalog.has_value()) << catalog.error().ToString();
  EXPECT_EQ(catalog->Find(Language::kNl, "c")->Format({}), "Constant ’text’");
  MessageArgument x{"x", std::string("recommandé")};
  EXPECT_EQ(catalog->Find(Language::kFr, "m")->Format({&x, 1}), "L’envoi recommandé");
}

}  // namespace
}  // namespace sealpost::ui
