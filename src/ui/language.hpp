// Language: the four languages in which sealpost speaks to people (PRODUCT.md §1), and how each
// maps to a language tag and to the ICU locale used for formatting. Pure, thread-safe.
//
// Formatting locales: nl → nl-BE, fr → fr-BE, de → de-BE (Belgian conventions: "€ 1.234,56",
// "1 234,56 €", "1.234,56 €"). English has no Belgian variant with English conventions in CLDR
// (en-BE uses decimal commas), so en → en-GB: "€1,234.56" like plain en, but day-month-year dates
// and a 24-hour clock, which is what a reader in Belgium expects. Times are always shown in
// Europe/Brussels whatever the language (see formatter.hpp).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sealpost::ui {

enum class Language { kNl, kFr, kEn, kDe };

inline constexpr std::array<Language, 4> kAllLanguages = {Language::kNl, Language::kFr,
                                                          Language::kEn, Language::kDe};

// The language used when neither the person nor the browser asks for a supported one. Dutch: the
// language of the largest part of Belgium's population (about 60 %); a fixed default keeps pages
// predictable and cacheable, and the language switcher is on every page.
inline constexpr Language kDefaultLanguage = Language::kNl;

// "nl", "fr", "en", "de": the `lang` attribute, the catalogue file name, the `lang` query value.
std::string_view LanguageCode(Language language);

// ICU locale id used for formatting: "nl_BE", "fr_BE", "en_GB", "de_BE".
const char* FormattingLocale(Language language);

// A language tag ("fr", "FR", "fr-CH", "nl_BE", "de-Latn-AT") → its supported language, by primary
// subtag; nullopt for anything else (including "*" and malformed tags).
std::optional<Language> LanguageFromTag(std::string_view tag);

}  // namespace sealpost::ui
