#include "adapters/crypto/aes_gcm_content_cipher.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>
#include <cstdlib>
#include <string_view>

#include "adapters/crypto/openssl_handles.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;

common::Result<common::Bytes> Seal(const common::Bytes& key, const common::Bytes& nonce,
                                   const common::Bytes& plaintext, std::string_view aad) {
  if (plaintext.size() > static_cast<std::size_t>(INT_MAX) - 64 || aad.size() > INT_MAX) {
    return common::Fail(ErrorCode::kInvalidArgument, "content too large for one encryption");
  }
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  common::Bytes out(AesGcmContentCipher::kNonceSize + plaintext.size() +
                    AesGcmContentCipher::kTagSize);
  std::copy(nonce.begin(), nonce.end(), out.begin());
  unsigned char* body = out.data() + AesGcmContentCipher::kNonceSize;
  int len = 0;
  int final_len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), nonce.data(), nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), body, &len, plaintext.data(),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), body + len, &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, AesGcmContentCipher::kTagSize,
                          body + plaintext.size()) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "AES-256-GCM encryption failed"));
  }
  return out;
}

common::Result<common::Bytes> Open(const common::Bytes& key, const common::Bytes& sealed,
                                   std::string_view aad) {
  constexpr std::size_t kOverhead = AesGcmContentCipher::kNonceSize + AesGcmContentCipher::kTagSize;
  if (sealed.size() < kOverhead || sealed.size() > INT_MAX || aad.size() > INT_MAX) {
    return common::Fail(ErrorCode::kInternal, "ciphertext has an impossible length");
  }
  std::size_t body_size = sealed.size() - kOverhead;
  const unsigned char* nonce = sealed.data();
  const unsigned char* body = nonce + AesGcmContentCipher::kNonceSize;
  // EVP_CTRL_GCM_SET_TAG takes a non-const pointer although it only reads.
  common::Bytes tag(body + body_size, body + body_size + AesGcmContentCipher::kTagSize);
  common::Bytes plain(body_size);
  EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  int final_len = 0;
  bool ok =
      ctx && EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key.data(), nonce, nullptr) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), plain.data(), &len, body, static_cast<int>(body_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, AesGcmContentCipher::kTagSize,
                          tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &final_len) == 1;
  if (!ok) {
    // Never hand out unauthenticated plaintext.
    OPENSSL_cleanse(plain.data(), plain.size());
    DrainOpenSslErrors();
    return common::Fail(ErrorCode::kInternal,
                        "authentication failed (wrong key or context, or altered data)");
  }
  return plain;
}

}  // namespace

AesGcmContentCipher::AesGcmContentCipher(common::Bytes master_key, common::Random& random)
    : master_key_(std::move(master_key)), random_(random) {}

AesGcmContentCipher::~AesGcmContentCipher() {
  OPENSSL_cleanse(const_cast<std::uint8_t*>(master_key_.data()), master_key_.size());
}

common::Result<std::unique_ptr<AesGcmContentCipher>> AesGcmContentCipher::Create(
    common::Bytes master_key, common::Random& random) {
  if (master_key.size() != kKeySize) {
    OPENSSL_cleanse(master_key.data(), master_key.size());
    return common::Fail(ErrorCode::kInvalidArgument, "the master key must be 32 bytes");
  }
  return std::unique_ptr<AesGcmContentCipher>(
      new AesGcmContentCipher(std::move(master_key), random));
}

app::ItemKey AesGcmContentCipher::NewItemKey() {
  app::ItemKey key;
  key.plain = random_.Generate(kKeySize);
  auto wrapped = Seal(master_key_, random_.Generate(kNonceSize), key.plain, kWrapAad);
  if (!wrapped) {
    // AES-GCM over 32 bytes with a valid key cannot fail short of a broken OpenSSL: a bug.
    std::abort();
  }
  key.wrapped = std::string(kWrappedPrefix) + common::Base64Encode(*wrapped);
  return key;
}

common::Result<common::Bytes> AesGcmContentCipher::UnwrapItemKey(const std::string& wrapped) {
  std::string_view text(wrapped);
  std::string_view prefix(kWrappedPrefix);
  if (!text.starts_with(prefix)) {
    return common::Fail(ErrorCode::kInternal, "wrapped item key has an unknown format");
  }
  auto sealed = common::Base64Decode(text.substr(prefix.size()));
  if (!sealed || sealed->size() != kNonceSize + kKeySize + kTagSize) {
    return common::Fail(ErrorCode::kInternal, "wrapped item key is malformed");
  }
  auto key = Open(master_key_, *sealed, kWrapAad);
  if (!key) {
    return common::Fail(ErrorCode::kInternal,
                        "wrapped item key does not open under the current master key");
  }
  return key;
}

common::Result<common::Bytes> AesGcmContentCipher::Encrypt(const common::Bytes& item_key,
                                                           const common::Bytes& plaintext,
                                                           const std::string& aad) {
  if (item_key.size() != kKeySize) {
    return common::Fail(ErrorCode::kInvalidArgument, "the item key must be 32 bytes");
  }
  // Random 96-bit nonces: safe for far more than the 2^32 messages per item key ever encrypted.
  return Seal(item_key, random_.Generate(kNonceSize), plaintext, aad);
}

common::Result<common::Bytes> AesGcmContentCipher::Decrypt(const common::Bytes& item_key,
                                                           const common::Bytes& ciphertext,
                                                           const std::string& aad) {
  if (item_key.size() != kKeySize) {
    return common::Fail(ErrorCode::kInvalidArgument, "the item key must be 32 bytes");
  }
  return Open(item_key, ciphertext, aad);
}

}  // namespace sealpost::adapters::crypto
