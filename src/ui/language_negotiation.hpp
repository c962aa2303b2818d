// Language negotiation: which language a page, e-mail or PDF is produced in. The person's explicit
// choice wins (the `lang` query parameter set by the language switcher, then the remembered
// cookie, then a signed-in person's saved preference — in the order the caller passes them), then
// the browser's Accept-Language header (RFC 9110 §12.5.4: q-values, region variants fall back to
// their language: "fr-CH" → fr), then kDefaultLanguage. Pure, thread-safe.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "ui/language.hpp"

namespace sealpost::ui {

// The supported languages listed in an Accept-Language header, most preferred first (by q-value,
// then by order of appearance), each at most once. Ranges with q=0, "*", unsupported languages and
// malformed entries are skipped; at most the first 32 entries are read, so a hostile header costs
// little.
std::vector<Language> ParseAcceptLanguage(std::string_view header);

// The first explicit choice that names a supported language (empty or unknown ones are skipped),
// else the browser's first supported language, else kDefaultLanguage.
Language NegotiateLanguage(std::initializer_list<std::string_view> explicit_choices,
                           std::string_view accept_language);

}  // namespace sealpost::ui
