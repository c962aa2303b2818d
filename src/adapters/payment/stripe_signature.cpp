#include "adapters/payment/stripe_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <optional>
#include <vector>

#include "common/bytes.hpp"

namespace sealpost::adapters::payment {
namespace {

using common::ErrorCode;
using common::Fail;

constexpr std::size_t kMaxHeaderLength = 8192;
constexpr std::size_t kMaxTimestampDigits = 12;

struct ParsedHeader {
  std::optional<std::int64_t> timestamp;
  std::vector<std::string_view> v1_signatures;
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::optional<std::int64_t> ParseTimestamp(std::string_view text) {
  if (text.empty() || text.size() > kMaxTimestampDigits) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

ParsedHeader ParseHeader(std::string_view header) {
  ParsedHeader parsed;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view key = item.substr(0, equals);
    std::string_view value = item.substr(equals + 1);
    if (key == "t") {
      // Two time-stamps make the header ambiguous: treat it as having none.
      parsed.timestamp = parsed.timestamp ? std::nullopt : ParseTimestamp(value);
      if (!parsed.timestamp) return ParsedHeader{};
    } else if (key == "v1") {
      parsed.v1_signatures.push_back(value);
    }
  }
  return parsed;
}

std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view message) {
  std::array<std::uint8_t, 32> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length);
  return mac;
}

std::string SignedPayload(std::int64_t timestamp, std::string_view raw_body) {
  std::string payload = std::to_string(timestamp);
  payload += '.';
  payload += raw_body;
  return payload;
}

std::unexpected<common::Error> InvalidSignature(std::string message) {
  return Fail(ErrorCode::kUnauthenticated, std::move(message), "invalid_signature");
}

}  // namespace

common::Result<void> VerifyStripeSignature(std::string_view signature_header,
                                           std::string_view raw_body,
                                           std::string_view endpoint_secret, common::TimePoint now,
                                           std::chrono::seconds tolerance) {
  if (endpoint_secret.empty()) {
    return Fail(ErrorCode::kInternal, "no Stripe webhook secret is configured");
  }
  if (signature_header.size() > kMaxHeaderLength)
    return InvalidSignature("signature header too long");
  ParsedHeader parsed = ParseHeader(signature_header);
  if (!parsed.timestamp) return InvalidSignature("the Stripe-Signature header has no time-stamp");
  if (parsed.v1_signatures.empty()) {
    return InvalidSignature("the Stripe-Signature header has no v1 signature");
  }
  auto expected = HmacSha256(endpoint_secret, SignedPayload(*parsed.timestamp, raw_body));
  bool matched = false;
  for (std::string_view candidate : parsed.v1_signatures) {
    auto bytes = common::HexDecode(candidate);
    // Every candidate is compared (no early exit), each in constant time.
    if (bytes && common::ConstantTimeEquals(*bytes, expected)) matched = true;
  }
  if (!matched) return InvalidSignature("no Stripe signature matches this body");
  auto signed_at = std::chrono::sys_seconds(std::chrono::seconds(*parsed.timestamp));
  auto age = std::chrono::duration_cast<std::chrono::seconds>(now - signed_at);
  if (age > tolerance || age < -tolerance) {
    return Fail(ErrorCode::kUnauthenticated, "the Stripe signature is outside the time tolerance",
                "signature_expired");
  }
  return common::Ok();
}

std::string StripeSignatureV1(std::string_view endpoint_secret, std::int64_t timestamp,
                              std::string_view raw_body) {
  return common::HexEncode(HmacSha256(endpoint_secret, SignedPayload(timestamp, raw_body)));
}

}  // namespace sealpost::adapters::payment
