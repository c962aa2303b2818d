// Translator: messages with named arguments, plurals per language, missing keys and arguments.
#include "ui/translator.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "ui_test_support.hpp"

namespace sealpost::ui {
namespace {

using testing::kNbsp;
using testing::ShippedTranslator;
using testing::TempDir;

Translator LoadPluralCatalogue() {
  TempDir dir;
  testing::WriteCatalogues(
      dir, {{"nl", R"({"items": "{count, plural, one {# zending} other {# zendingen}}"})"},
            {"fr", R"({"items": "{count, plural, one {# envoi} other {# envois}}"})"},
            {"en", R"({"items": "{count, plural, one {# item} other {# items}}"})"},
            {"de", R"({"items": "{count, plural, one {# Sendung} other {# Sendungen}}"})"}});
  auto translator = Translator::Load(dir.path());
  if (!translator) {
    ADD_FAILURE() << translator.error().ToString();
    std::abort();
  }
  return std::move(*translator);
}

TEST(Translator, PluralsFollowEachLanguagesRules) {
  Translator t = LoadPluralCatalogue();
  auto text = [&](Language language, std::int64_t count) {
    return t.Text(language, "items", {{"count", count}});
  };
  EXPECT_EQ(text(Language::kNl, 0), "0 zendingen");
  EXPECT_EQ(text(Language::kNl, 1), "1 zending");
  EXPECT_EQ(text(Language::kNl, 2), "2 zendingen");
  // French: 0 and 1 are both "one" (CLDR: i = 0,1).
  EXPECT_EQ(text(Language::kFr, 0), "0 envoi");
  EXPECT_EQ(text(Language::kFr, 1), "1 envoi");
  EXPECT_EQ(text(Language::kFr, 2), "2 envois");
  EXPECT_EQ(text(Language::kEn, 0), "0 items");
  EXPECT_EQ(text(Language::kEn, 1), "1 item");
  EXPECT_EQ(text(Language::kEn, 2), "2 items");
  EXPECT_EQ(text(Language::kDe, 0), "0 Sendungen");
  EXPECT_EQ(text(Language::kDe, 1), "1 Sendung");
  EXPECT_EQ(text(Language::kDe, 2), "2 Sendungen");
  // "#" is a localized number.
  EXPECT_EQ(text(Language::kNl, 1234), "1.234 zendingen");
  EXPECT_EQ(text(Language::kEn, 1234), "1,234 items");
  EXPECT_EQ(t.bad_argument_count(), 0u);
}

TEST(Translator, ShippedPluralInEveryLanguage) {
  const Translator& t = ShippedTranslator();
  auto notice = [&](Language language, std::int64_t days) {
    return t.Text(language, "home.recipient.notice", {{"acceptance_days", days}});
  };
  EXPECT_NE(notice(Language::kNl, 1).find("1 dag om"), std::string::npos);
  EXPECT_NE(notice(Language::kNl, 15).find("15 dagen om"), std::string::npos);
  EXPECT_NE(notice(Language::kFr, 0).find("0 jour pour"), std::string::npos);
  EXPECT_NE(notice(Language::kFr, 15).find("15 jours pour"), std::string::npos);
  EXPECT_NE(notice(Language::kEn, 1).find("1 day to"), std::string::npos);
  EXPECT_NE(notice(Language::kEn, 2).find("2 days to"), std::string::npos);
  EXPECT_NE(notice(Language::kDe, 1).find("1 Tag Zeit"), std::string::npos);
  EXPECT_NE(notice(Language::kDe, 15).find("15 Tage Zeit"), std::string::npos);
}

TEST(Translator, MoneyArgumentsAreFormattedForTheLanguage) {
  const Translator& t = ShippedTranslator();
  MessageArgs args = {{"price", Money{80}}};
  EXPECT_NE(t.Text(Language::kNl, "home.price.body", args).find(std::string("€") + kNbsp + "0,80"),
            std::string::npos);
  EXPECT_NE(t.Text(Language::kFr, "home.price.body", args).find(std::string("0,80") + kNbsp + "€"),
            std::string::npos);
  EXPECT_NE(t.Text(Language::kEn, "home.price.body", args).find("€0.80 per recipient"),
            std::string::npos);
  EXPECT_NE(t.Text(Language::kDe, "home.price.body", args).find(std::string("0,80") + kNbsp + "€"),
            std::string::npos);
}

TEST(Translator, AMissingKeyReturnsTheKeyAndIsCounted) {
  Translator t = LoadPluralCatalogue();
  EXPECT_EQ(t.missing_key_count(), 0u);
  EXPECT_EQ(t.Text(Language::kFr, "home.nowhere"), "home.nowhere");
  EXPECT_EQ(t.Text(Language::kFr, "home.nowhere"), "home.nowhere");
  EXPECT_EQ(t.Text(Language::kDe, "other.key", {{"x", 1}}), "other.key");
  EXPECT_EQ(t.missing_key_count(), 3u);
  EXPECT_EQ(t.MissingKeys(), (std::vector<std::string>{"de:other.key", "fr:home.nowhere"}));
}

TEST(Translator, MissingOrMistypedArgumentsAreCountedNotFatal) {
  Translator t = LoadPluralCatalogue();
  // No count: ICU leaves the argument visible, which the page tests would catch.
  EXPECT_EQ(t.Text(Language::kEn, "items"), "{count}");
  EXPECT_EQ(t.bad_argument_count(), 1u);
  // Text where a plural needs a number.
  t.Text(Language::kEn, "items", {{"count", std::string("three")}});
  EXPECT_EQ(t.bad_argument_count(), 2u);
}

TEST(Translator, AMessageKeyArgumentIsTranslatedToo) {
  TempDir dir;
  testing::WriteCatalogues(dir, {{"nl", R"({"state": "Status: {s}", "s.ok": "in orde"})"},
                                 {"fr", R"({"state": "État : {s}", "s.ok": "en ordre"})"},
                                 {"en", R"({"state": "State: {s}", "s.ok": "fine"})"},
                                 {"de", R"({"state": "Status: {s}", "s.ok": "in Ordnung"})"}});
  auto t = Translator::Load(dir.path());
  ASSERT_TRUE(t.has_value()) << t.error().ToString();
  EXPECT_EQ(t->Text(Language::kNl, "state", {{"s", MessageKey{"s.ok"}}}), "Status: in orde");
  EXPECT_EQ(t->Text(Language::kDe, "state", {{"s", MessageKey{"s.ok"}}}), "Status: in Ordnung");
  // A message that names itself stops after one level instead of recursing.
  EXPECT_EQ(t->Text(Language::kEn, "state", {{"s", MessageKey{"state"}}}), "State: State: {s}");
}

TEST(Translator, ConcurrentFormattingOfOneMessageAgrees) {
  const Translator& t = ShippedTranslator();
  const std::string expected =
      t.Text(Language::kFr, "home.recipient.notice", {{"acceptance_days", 15}});
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int n = 0; n < 500; ++n) {
        if (t.Text(Language::kFr, "home.recipient.notice", {{"acceptance_days", 15}}) != expected) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace sealpost::ui
