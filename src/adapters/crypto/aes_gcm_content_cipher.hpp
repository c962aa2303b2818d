// AesGcmContentCipher: app::ContentCipher with AES-256-GCM from OpenSSL.
//   Encrypt output:  nonce (12) || ciphertext || tag (16), the aad authenticated but not stored.
//   Wrapped key:     "v1:" + base64(nonce (12) || AES-256-GCM(master key, item key) || tag (16)),
//                    authenticated with the fixed aad kWrapAad so a wrapped key cannot pass for
//                    content and vice versa. The "v1" prefix leaves room for master-key rotation.
// Thread-safety: thread-safe (every call uses its own EVP_CIPHER_CTX; the master key is read-only).
#pragma once

#include <memory>
#include <string>

#include "app/ports/content_cipher.hpp"
#include "common/bytes.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::crypto {

class AesGcmContentCipher final : public app::ContentCipher {
 public:
  static constexpr std::size_t kKeySize = 32;
  static constexpr std::size_t kNonceSize = 12;
  static constexpr std::size_t kTagSize = 16;
  static constexpr const char* kWrappedPrefix = "v1:";
  static constexpr const char* kWrapAad = "sealpost item key v1";

  // kInvalidArgument unless `master_key` is 32 bytes. `random` (nonces, item keys) must be a CSPRNG
  // in production and must outlive the cipher.
  static common::Result<std::unique_ptr<AesGcmContentCipher>> Create(common::Bytes master_key,
                                                                     common::Random& random);
  ~AesGcmContentCipher() override;  // wipes the master key
  AesGcmContentCipher(const AesGcmContentCipher&) = delete;
  AesGcmContentCipher& operator=(const AesGcmContentCipher&) = delete;

  app::ItemKey NewItemKey() override;
  common::Result<common::Bytes> UnwrapItemKey(const std::string& wrapped) override;
  common::Result<common::Bytes> Encrypt(const common::Bytes& item_key,
                                        const common::Bytes& plaintext,
                                        const std::string& aad) override;
  common::Result<common::Bytes> Decrypt(const common::Bytes& item_key,
                                        const common::Bytes& ciphertext,
                                        const std::string& aad) override;

 private:
  AesGcmContentCipher(common::Bytes master_key, common::Random& random);

  const common::Bytes master_key_;
  common::Random& random_;
};

}  // namespace sealpost::adapters::crypto
