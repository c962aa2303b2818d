// The plausibility check for an e-mail address typed by a person: one @, something on both sides,
// no white space or characters that would break a header, at most 254 octets (RFC 5321). Real
// proof of the address comes from a link sent to it. Pure; thread-safe.
#pragma once

#include <string_view>

namespace sealpost::domain {

bool LooksLikeEmail(std::string_view email);

// Whether two addresses name the same mailbox as sealpost compares them everywhere: ignoring ASCII
// case (the storage looks addresses up the same way).
bool SameEmail(std::string_view a, std::string_view b);

}  // namespace sealpost::domain
