// Name comparison for recipient identity checks (PRODUCT.md §4.1): "when only a name is given, the
// identified person's name must match it (normalised: case, accents, hyphens)". Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sealpost::domain {

// Lower-case, Latin accents removed, hyphens/apostrophes/dots as spaces, runs of spaces collapsed.
std::string NormaliseName(std::string_view utf8);
bool NamesMatch(std::string_view a, std::string_view b);

}  // namespace sealpost::domain
