// Escaping text for HTML element content and quoted attribute values. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sealpost::common {

std::string HtmlEscape(std::string_view text);

}  // namespace sealpost::common
