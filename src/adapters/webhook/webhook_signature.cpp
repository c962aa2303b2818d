#include "adapters/webhook/webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "common/bytes.hpp"

namespace sealpost::adapters::webhook {

std::string WebhookSignatureV1(std::string_view secret, std::int64_t timestamp,
                               std::string_view body) {
  std::string message = std::to_string(timestamp);
  message += '.';
  message += body;
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length);
  return common::HexEncode(std::span<const std::uint8_t>(mac.data(), length));
}

std::string WebhookSignatureHeader(const std::vector<std::string>& secrets, std::int64_t timestamp,
                                   std::string_view body) {
  std::string header = "t=" + std::to_string(timestamp);
  for (const std::string& secret : secrets) {
    header += ",v1=";
    header += WebhookSignatureV1(secret, timestamp, body);
  }
  return header;
}

}  // namespace sealpost::adapters::webhook
