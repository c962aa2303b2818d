// SHA-256, the one digest sealpost uses (attachments, evidence, Merkle log, API keys).
// A pure function (OpenSSL's implementation, no I/O); thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/bytes.hpp"

namespace sealpost::common {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest Sha256(std::span<const std::uint8_t> data);
Sha256Digest Sha256(std::string_view data);

// Incremental hashing for large inputs (attachments).
class Sha256Hasher final {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::span<const std::uint8_t> data);
  void Update(std::string_view data);
  Sha256Digest Finish();

 private:
  void* ctx_;  // EVP_MD_CTX, kept opaque so that OpenSSL headers stay out of this header
};

}  // namespace sealpost::common
