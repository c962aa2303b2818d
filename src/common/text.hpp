// Checks on user-supplied text (labels, names, subjects): well-formed UTF-8 without control
// characters, counted in code points — what a person sees, not bytes. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sealpost::common {

// Code points in `text` when it is well-formed UTF-8 (no overlong forms, no surrogates) without
// C0/C1 control characters or DEL; -1 otherwise.
long PrintableUtf8Length(std::string_view text);

// `text` without leading and trailing ASCII white space.
std::string_view TrimAscii(std::string_view text);

}  // namespace sealpost::common
