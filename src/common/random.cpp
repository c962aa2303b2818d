#include "common/random.hpp"

#include <openssl/rand.h>

#include <cstdlib>
#include <stdexcept>

namespace sealpost::common {

Bytes SecureRandom::Generate(std::size_t count) {
  Bytes out(count);
  if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1) {
    // No entropy means no safe keys or ids: stopping is the only correct reaction.
    std::abort();
  }
  return out;
}

std::string NewUuid(Random& random) {
  Bytes b = random.Generate(16);
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  std::string hex = HexEncode(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string NewToken(Random& random, std::size_t bytes) {
  std::string token = Base64Encode(random.Generate(bytes));
  std::string out;
  for (char c : token) {
    if (c == '+')
      out.push_back('-');
    else if (c == '/')
      out.push_back('_');
    else if (c != '=')
      out.push_back(c);
  }
  return out;
}

}  // namespace sealpost::common
