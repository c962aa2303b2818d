#include "ui/language.hpp"

#include <cctype>

namespace sealpost::ui {

std::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kNl:
      return "nl";
    case Language::kFr:
      return "fr";
    case Language::kEn:
      return "en";
    case Language::kDe:
      return "de";
  }
  return "nl";
}

const char* FormattingLocale(Language language) {
  switch (language) {
    case Language::kNl:
      return "nl_BE";
    case Language::kFr:
      return "fr_BE";
    case Language::kEn:
      return "en_GB";
    case Language::kDe:
      return "de_BE";
  }
  return "nl_BE";
}

std::optional<Language> LanguageFromTag(std::string_view tag) {
  // BCP 47 primary subtag: 2–8 letters before the first '-' ('_' accepted for ICU-style ids).
  std::size_t end = tag.find_first_of("-_");
  std::string_view primary = tag.substr(0, end);
  if (primary.size() != 2) return std::nullopt;
  if (end != std::string_view::npos && end + 1 >= tag.size()) return std::nullopt;  // "fr-"
  char code[2];
  for (int i = 0; i < 2; ++i) {
    unsigned char c = static_cast<unsigned char>(primary[i]);
    if (!std::isalpha(c)) return std::nullopt;
    code[i] = static_cast<char>(std::tolower(c));
  }
  for (Language language : kAllLanguages) {
    if (LanguageCode(language) == std::string_view(code, 2)) return language;
  }
  return std::nullopt;
}

}  // namespace sealpost::ui
