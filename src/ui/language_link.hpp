// The link of the language switcher: the page being shown, in another language. Pure,
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "ui/language.hpp"

namespace sealpost::ui {

// `current_target` is the request target (path and query) of the page being shown; the result is
// that target with its `lang` query parameters replaced by `lang=<code>`:
//   "/items?page=2&lang=fr", kDe → "/items?page=2&lang=de".
// Anything that is not a local absolute path ("", "https://…", "//evil.example/", "/\evil") becomes
// "/": the link must never lead to another site.
std::string LanguageLink(std::string_view current_target, Language language);

}  // namespace sealpost::ui
