// Byte strings and their text encodings (hex, base64). Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sealpost::common {

using Bytes = std::vector<std::uint8_t>;

Bytes ToBytes(std::string_view text);
std::string ToString(std::span<const std::uint8_t> bytes);

std::string HexEncode(std::span<const std::uint8_t> bytes);
std::optional<Bytes> HexDecode(std::string_view hex);

// Standard base64 (RFC 4648 §4) with padding.
std::string Base64Encode(std::span<const std::uint8_t> bytes);
// Accepts only canonical, padded standard base64; anything else is std::nullopt.
std::optional<Bytes> Base64Decode(std::string_view text);

// Constant-time equality, for secrets and MACs.
bool ConstantTimeEquals(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace sealpost::common
