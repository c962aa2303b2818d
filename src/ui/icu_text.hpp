// UTF-8 ↔ ICU UnicodeString and ICU status helpers. Internal to src/ui: the public headers of the
// layer never mention ICU, so its users need no ICU include path. Pure, thread-safe.
#pragma once

#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <string>
#include <string_view>

namespace sealpost::ui::internal {

inline icu::UnicodeString ToIcu(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

inline std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

inline std::string IcuErrorName(UErrorCode status) { return u_errorName(status); }

}  // namespace sealpost::ui::internal
