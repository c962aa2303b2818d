#include "ui/language_negotiation.hpp"

#include <gtest/gtest.h>

#include "ui/language_link.hpp"

namespace sealpost::ui {
namespace {

TEST(LanguageFromTag, PrimarySubtagDecides) {
  EXPECT_EQ(LanguageFromTag("fr"), Language::kFr);
  EXPECT_EQ(LanguageFromTag("FR"), Language::kFr);
  EXPECT_EQ(LanguageFromTag("fr-CH"), Language::kFr);
  EXPECT_EQ(LanguageFromTag("nl_BE"), Language::kNl);
  EXPECT_EQ(LanguageFromTag("de-Latn-AT"), Language::kDe);
  EXPECT_EQ(LanguageFromTag("en-US"), Language::kEn);
  for (const char* bad : {"", "*", "es", "f", "fra", "fr-", "-fr", "n1", "nederlands"}) {
    EXPECT_EQ(LanguageFromTag(bad), std::nullopt) << bad;
  }
}

TEST(AcceptLanguage, OrderedByQualityThenPosition) {
  EXPECT_EQ(ParseAcceptLanguage("en-US,en;q=0.9,fr;q=0.8"),
            (std::vector<Language>{Language::kEn, Language::kFr}));
  EXPECT_EQ(ParseAcceptLanguage("de;q=0.5, fr-CH, nl;q=0.7"),
            (std::vector<Language>{Language::kFr, Language::kNl, Language::kDe}));
  EXPECT_EQ(ParseAcceptLanguage("fr;q=0.8,de;q=0.8"),
            (std::vector<Language>{Language::kFr, Language::kDe}));
  EXPECT_EQ(ParseAcceptLanguage("es, it;q=0.9, *;q=0.5"), (std::vector<Language>{}));
  EXPECT_EQ(ParseAcceptLanguage(""), (std::vector<Language>{}));
}

TEST(AcceptLanguage, SkipsExcludedAndMalformedEntries) {
  EXPECT_EQ(ParseAcceptLanguage("fr;q=0, de"), (std::vector<Language>{Language::kDe}));
  EXPECT_EQ(ParseAcceptLanguage("fr;q=2, de;q=abc, en;q=0.1234, nl;q=0.5"),
            (std::vector<Language>{Language::kNl}));
  EXPECT_EQ(ParseAcceptLanguage(",,  en ;q=0.3 ,"), (std::vector<Language>{Language::kEn}));
  EXPECT_EQ(ParseAcceptLanguage("EN;Q=1.000"), (std::vector<Language>{Language::kEn}));
}

TEST(AcceptLanguage, ReadsAtMost32Entries) {
  std::string header;
  for (int i = 0; i < 40; ++i) header += "es,";
  header += "fr";
  EXPECT_EQ(ParseAcceptLanguage(header), (std::vector<Language>{}));
}

TEST(Negotiation, ExplicitChoiceThenBrowserThenDutch) {
  EXPECT_EQ(NegotiateLanguage({"de", "fr"}, "en"), Language::kDe);       // query wins
  EXPECT_EQ(NegotiateLanguage({"", "fr"}, "en"), Language::kFr);         // then the cookie
  EXPECT_EQ(NegotiateLanguage({"xx", "klingon"}, "en"), Language::kEn);  // unknown choices skipped
  EXPECT_EQ(NegotiateLanguage({}, "fr-CH, en;q=0.5"), Language::kFr);    // region fallback
  EXPECT_EQ(NegotiateLanguage({}, "en-US"), Language::kEn);
  EXPECT_EQ(NegotiateLanguage({}, "es-ES, pt"), Language::kNl);  // nothing supported
  EXPECT_EQ(NegotiateLanguage({}, ""), Language::kNl);
  EXPECT_EQ(kDefaultLanguage, Language::kNl);
}

TEST(LanguageLink, KeepsThePathAndQueryAndReplacesLang) {
  EXPECT_EQ(LanguageLink("/", Language::kFr), "/?lang=fr");
  EXPECT_EQ(LanguageLink("/sign-in", Language::kDe), "/sign-in?lang=de");
  EXPECT_EQ(LanguageLink("/items?page=2&lang=fr&q=a%20b", Language::kEn),
            "/items?page=2&q=a%20b&lang=en");
  EXPECT_EQ(LanguageLink("/items?lang=fr#top", Language::kNl), "/items?lang=nl");
  EXPECT_EQ(LanguageLink("/items?langue=x", Language::kNl), "/items?langue=x&lang=nl");
}

TEST(LanguageLink, NeverLeadsToAnotherSite) {
  for (const char* target : {"", "https://evil.example/", "//evil.example/x", "/\\evil.example",
                             "javascript:alert(1)", "/a b", "/a\nb"}) {
    EXPECT_EQ(LanguageLink(target, Language::kFr), "/?lang=fr") << target;
  }
}

}  // namespace
}  // namespace sealpost::ui
