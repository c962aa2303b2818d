// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys: the envelope of sealpost's
// checkpoints. A note is text ending in "\n", a blank line, then signature lines
// "— <key name> base64(key id (4 bytes, big-endian) || signature)\n".
// NoteSigner and NoteVerifier are immutable after creation and safe to share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::merkle {

inline constexpr std::uint8_t kNoteSignatureTypeEd25519 = 0x01;

using Ed25519PublicKey = std::array<std::uint8_t, 32>;

// SHA-256(name || 0x0A || 0x01 || public key)[:4], read big-endian.
std::uint32_t NoteKeyId(std::string_view name, const Ed25519PublicKey& public_key);

// Key names must be non-empty and contain no spaces (ASCII or Unicode), no '+' and no control
// characters.
bool IsValidNoteKeyName(std::string_view name);

class NoteSigner final {
 public:
  // `seed` is the 32-byte Ed25519 private key (RFC 8032 seed).
  static common::Result<NoteSigner> Create(std::string name, std::span<const std::uint8_t> seed);

  NoteSigner(const NoteSigner&) = default;
  NoteSigner& operator=(const NoteSigner&) = default;
  NoteSigner(NoteSigner&&) = default;
  NoteSigner& operator=(NoteSigner&&) = default;
  ~NoteSigner();

  // `text` + "\n" + this key's signature line. Fails if `text` is not valid note text (non-empty,
  // UTF-8, ends in "\n", no control characters but "\n") or if OpenSSL fails.
  common::Result<std::string> Sign(std::string_view text) const;

  const std::string& Name() const { return name_; }
  common::Bytes PublicKey() const { return common::Bytes(public_key_.begin(), public_key_.end()); }
  std::uint32_t KeyId() const { return key_id_; }
  // "<name>+<8 hex digits key id>+<base64(0x01 || public key)>", as golang.org/x/mod/sumdb/note.
  std::string VerifierKey() const;

 private:
  NoteSigner(std::string name, const std::array<std::uint8_t, 32>& seed,
             const Ed25519PublicKey& public_key);

  std::string name_;
  std::array<std::uint8_t, 32> seed_;  // wiped on destruction
  Ed25519PublicKey public_key_;
  std::uint32_t key_id_;
};

class NoteVerifier final {
 public:
  static common::Result<NoteVerifier> Create(std::string name,
                                             std::span<const std::uint8_t> public_key);
  // Parses the verifier key text form (see NoteSigner::VerifierKey) and checks its key id.
  static common::Result<NoteVerifier> FromVerifierKey(std::string_view verifier_key);

  // Returns the note text (the signed body, with its final "\n") if the note carries a valid
  // signature by this key. Signature lines of other keys (other name or other key id) are ignored;
  // a signature line of this key that does not verify rejects the whole note.
  common::Result<std::string> Verify(std::string_view note) const;

  const std::string& Name() const { return name_; }
  std::uint32_t KeyId() const { return key_id_; }
  std::string VerifierKey() const;

 private:
  NoteVerifier(std::string name, const Ed25519PublicKey& public_key);

  std::string name_;
  Ed25519PublicKey public_key_;
  std::uint32_t key_id_;
};

// "<name>+<hex key id>+<base64(0x01 || public key)>".
std::string FormatVerifierKey(std::string_view name, const Ed25519PublicKey& public_key);

}  // namespace sealpost::merkle
