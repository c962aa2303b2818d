#include "common/sha256.hpp"

#include <openssl/evp.h>

#include <cassert>

namespace sealpost::common {

Sha256Digest Sha256(std::span<const std::uint8_t> data) {
  Sha256Digest out{};
  unsigned int len = 0;
  [[maybe_unused]] int ok =
      EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  assert(ok == 1 && len == out.size());
  return out;
}

Sha256Digest Sha256(std::string_view data) {
  return Sha256(std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

Sha256Hasher::Sha256Hasher() : ctx_(EVP_MD_CTX_new()) {
  [[maybe_unused]] int ok =
      EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
  assert(ok == 1);
}

Sha256Hasher::~Sha256Hasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void Sha256Hasher::Update(std::span<const std::uint8_t> data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

void Sha256Hasher::Update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

Sha256Digest Sha256Hasher::Finish() {
  Sha256Digest out{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out.data(), &len);
  return out;
}

}  // namespace sealpost::common
