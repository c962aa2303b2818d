// ContentCipher: encryption at rest of item content. Each item has its own random AES-256 key; that
// key is stored only wrapped (encrypted) by the master key from the configuration. Content is
// sealed with AES-256-GCM (random 96-bit nonce, 128-bit tag) and bound to its context (`aad`, e.g.
// item and attachment ids) so that ciphertexts cannot be swapped between items. Thread-safe.
#pragma once

#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct ItemKey {
  common::Bytes plain;  // 32 bytes; never stored, never logged
  std::string wrapped;  // printable form to store with the item
};

class ContentCipher {
 public:
  virtual ~ContentCipher() = default;
  virtual ItemKey NewItemKey() = 0;
  // kInternal when `wrapped` was not produced under the current master key or was altered.
  virtual common::Result<common::Bytes> UnwrapItemKey(const std::string& wrapped) = 0;
  virtual common::Result<common::Bytes> Encrypt(const common::Bytes& item_key,
                                                const common::Bytes& plaintext,
                                                const std::string& aad) = 0;
  // kInternal on any authentication failure (tampered ciphertext, wrong key or aad).
  virtual common::Result<common::Bytes> Decrypt(const common::Bytes& item_key,
                                                const common::Bytes& ciphertext,
                                                const std::string& aad) = 0;
};

}  // namespace sealpost::app
