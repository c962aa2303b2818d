// Random: the source of unpredictable bytes (ids, keys, nonces, link tokens).
// Injected so that tests can be seeded; production uses the OS CSPRNG. Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "common/bytes.hpp"

namespace sealpost::common {

class Random {
 public:
  virtual ~Random() = default;
  virtual Bytes Generate(std::size_t count) = 0;
};

// Cryptographically secure (OpenSSL RAND_bytes, seeded by the OS).
class SecureRandom final : public Random {
 public:
  Bytes Generate(std::size_t count) override;
};

// A random RFC 4122 version-4 UUID in its canonical lower-case text form.
std::string NewUuid(Random& random);

// An unguessable token of `bytes` random bytes, URL-safe (base64url without padding).
std::string NewToken(Random& random, std::size_t bytes);

}  // namespace sealpost::common
