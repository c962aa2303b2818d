#include "merkle/signed_note.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "common/sha256.hpp"

namespace sealpost::merkle {

namespace {

using common::ErrorCode;
using common::Fail;

constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";  // U+2014 then U+0020
constexpr std::size_t kEd25519SignatureSize = 64;
// The spec requires accepting at least 16 signatures; a bound keeps hostile notes cheap to reject.
constexpr std::size_t kMaxSignatures = 100;

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// Decodes one UTF-8 code point at `text[i]`, advancing i; nullopt if malformed (overlong,
// surrogate, out of range or truncated).
std::optional<char32_t> NextCodePoint(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length;
  char32_t cp;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    cp = cp << 6 | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return std::nullopt;
  }
  i += length;
  return cp;
}

bool IsUnicodeSpace(char32_t cp) {
  // Go's unicode.IsSpace, which golang.org/x/mod/sumdb/note uses for key names.
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Valid UTF-8 with no control characters but "\n" (signed-note §Format).
bool IsValidNoteCharacters(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto cp = NextCodePoint(text, i);
    if (!cp || (*cp < 0x20 && *cp != '\n') || *cp == 0x7F) return false;
  }
  return true;
}

common::Result<void> CheckNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return Fail(ErrorCode::kInvalidArgument, "note text must be non-empty and end in a newline");
  }
  if (!IsValidNoteCharacters(text)) {
    return Fail(ErrorCode::kInvalidArgument,
                "note text must be UTF-8 without control characters other than newline");
  }
  return common::Ok();
}

std::uint32_t ReadKeyId(std::span<const std::uint8_t> bytes) {
  return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 |
         std::uint32_t{bytes[2]} << 8 | std::uint32_t{bytes[3]};
}

std::string KeyIdHex(std::uint32_t key_id) {
  const std::array<std::uint8_t, 4> bytes = {
      static_cast<std::uint8_t>(key_id >> 24), static_cast<std::uint8_t>(key_id >> 16),
      static_cast<std::uint8_t>(key_id >> 8), static_cast<std::uint8_t>(key_id)};
  return common::HexEncode(bytes);
}

bool VerifyEd25519(const Ed25519PublicKey& public_key, std::string_view message,
                   std::span<const std::uint8_t> signature) {
  PkeyPtr key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!key || !ctx) return false;
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

}  // namespace

std::uint32_t NoteKeyId(std::string_view name, const Ed25519PublicKey& public_key) {
  common::Sha256Hasher hasher;
  hasher.Update(name);
  const std::array<std::uint8_t, 2> separator = {0x0A, kNoteSignatureTypeEd25519};
  hasher.Update(separator);
  hasher.Update(public_key);
  return ReadKeyId(hasher.Finish());
}

bool IsValidNoteKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size();) {
    auto cp = NextCodePoint(name, i);
    if (!cp || *cp < 0x20 || *cp == 0x7F || *cp == '+' || IsUnicodeSpace(*cp)) return false;
  }
  return true;
}

std::string FormatVerifierKey(std::string_view name, const Ed25519PublicKey& public_key) {
  common::Bytes typed_key = {kNoteSignatureTypeEd25519};
  typed_key.insert(typed_key.end(), public_key.begin(), public_key.end());
  return std::string(name) + "+" + KeyIdHex(NoteKeyId(name, public_key)) + "+" +
         common::Base64Encode(typed_key);
}

// --- NoteSigner ---

NoteSigner::NoteSigner(std::string name, const std::array<std::uint8_t, 32>& seed,
                       const Ed25519PublicKey& public_key)
    : name_(std::move(name)),
      seed_(seed),
      public_key_(public_key),
      key_id_(NoteKeyId(name_, public_key_)) {}

NoteSigner::~NoteSigner() { OPENSSL_cleanse(seed_.data(), seed_.size()); }

common::Result<NoteSigner> NoteSigner::Create(std::string name,
                                              std::span<const std::uint8_t> seed) {
  if (!IsValidNoteKeyName(name)) {
    return Fail(ErrorCode::kInvalidArgument, "invalid note key name \"" + name + "\"");
  }
  if (seed.size() != 32) {
    return Fail(ErrorCode::kInvalidArgument,
                "an Ed25519 private seed has 32 bytes, got " + std::to_string(seed.size()));
  }
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  Ed25519PublicKey public_key;
  std::size_t public_size = public_key.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), public_key.data(), &public_size) != 1 ||
      public_size != public_key.size()) {
    return Fail(ErrorCode::kInternal, "OpenSSL could not load the Ed25519 key");
  }
  std::array<std::uint8_t, 32> seed_copy;
  std::ranges::copy(seed, seed_copy.begin());
  NoteSigner signer(std::move(name), seed_copy, public_key);
  OPENSSL_cleanse(seed_copy.data(), seed_copy.size());
  return signer;
}

common::Result<std::string> NoteSigner::Sign(std::string_view text) const {
  if (auto ok = CheckNoteText(text); !ok) return Fail(std::move(ok.error()));
  PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed_.data(), seed_.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  std::array<std::uint8_t, kEd25519SignatureSize> signature;
  std::size_t signature_size = signature.size();
  if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &signature_size,
                     reinterpret_cast<const unsigned char*>(text.data()), text.size()) != 1 ||
      signature_size != signature.size()) {
    return Fail(ErrorCode::kInternal, "OpenSSL Ed25519 signing failed");
  }
  common::Bytes blob = {
      static_cast<std::uint8_t>(key_id_ >> 24), static_cast<std::uint8_t>(key_id_ >> 16),
      static_cast<std::uint8_t>(key_id_ >> 8), static_cast<std::uint8_t>(key_id_)};
  blob.insert(blob.end(), signature.begin(), signature.end());
  std::string note(text);
  note += "\n";
  note += kEmDashSpace;
  note += name_ + " " + common::Base64Encode(blob) + "\n";
  return note;
}

std::string NoteSigner::VerifierKey() const { return FormatVerifierKey(name_, public_key_); }

// --- NoteVerifier ---

NoteVerifier::NoteVerifier(std::string name, const Ed25519PublicKey& public_key)
    : name_(std::move(name)), public_key_(public_key), key_id_(NoteKeyId(name_, public_key_)) {}

common::Result<NoteVerifier> NoteVerifier::Create(std::string name,
                                                  std::span<const std::uint8_t> public_key) {
  if (!IsValidNoteKeyName(name)) {
    return Fail(ErrorCode::kInvalidArgument, "invalid note key name \"" + name + "\"");
  }
  if (public_key.size() != 32) {
    return Fail(ErrorCode::kInvalidArgument,
                "an Ed25519 public key has 32 bytes, got " + std::to_string(public_key.size()));
  }
  Ed25519PublicKey key;
  std::ranges::copy(public_key, key.begin());
  return NoteVerifier(std::move(name), key);
}

common::Result<NoteVerifier> NoteVerifier::FromVerifierKey(std::string_view verifier_key) {
  const auto bad = [&](const std::string& why) {
    return Fail(ErrorCode::kInvalidArgument, "malformed verifier key: " + why);
  };
  const std::size_t plus1 = verifier_key.find('+');
  if (plus1 == std::string_view::npos) return bad("missing '+'");
  const std::size_t plus2 = verifier_key.find('+', plus1 + 1);
  if (plus2 == std::string_view::npos) return bad("missing second '+'");
  const std::string_view name = verifier_key.substr(0, plus1);
  const std::string_view id_hex = verifier_key.substr(plus1 + 1, plus2 - plus1 - 1);
  const std::string_view key_b64 = verifier_key.substr(plus2 + 1);  // base64 may contain '+'
  const auto id_bytes = common::HexDecode(id_hex);
  if (id_hex.size() != 8 || !id_bytes) return bad("key id is not 8 hex digits");
  const auto typed_key = common::Base64Decode(key_b64);
  if (!typed_key || typed_key->size() != 33) return bad("key is not base64 of 33 bytes");
  if ((*typed_key)[0] != kNoteSignatureTypeEd25519) return bad("not an Ed25519 key");
  auto verifier = Create(std::string(name), std::span(*typed_key).subspan(1));
  if (!verifier) return verifier;
  if (verifier->KeyId() != ReadKeyId(*id_bytes)) return bad("key id does not match the key");
  return verifier;
}

std::string NoteVerifier::VerifierKey() const { return FormatVerifierKey(name_, public_key_); }

common::Result<std::string> NoteVerifier::Verify(std::string_view note) const {
  const auto malformed = [](const std::string& why) {
    return Fail(ErrorCode::kInvalidArgument, "malformed signed note: " + why);
  };
  if (!IsValidNoteCharacters(note)) {
    return malformed("not UTF-8 or contains control characters");
  }
  if (note.empty() || note.back() != '\n') return malformed("does not end in a newline");
  // The text ends at the last blank line; everything after it is signature lines.
  const std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return malformed("no blank line before the signatures");
  const std::string_view text = note.substr(0, split + 1);
  std::string_view signatures = note.substr(split + 2);
  if (signatures.empty()) return malformed("no signature lines");

  std::size_t count = 0;
  bool verified = false;
  while (!signatures.empty()) {
    if (++count > kMaxSignatures) return malformed("too many signatures");
    const std::size_t end = signatures.find('\n');  // present: the note ends in '\n'
    std::string_view line = signatures.substr(0, end);
    signatures.remove_prefix(end + 1);
    if (!line.starts_with(kEmDashSpace)) return malformed("signature line without em dash");
    line.remove_prefix(kEmDashSpace.size());
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) return malformed("signature line without signature");
    const std::string_view name = line.substr(0, space);
    const auto blob = common::Base64Decode(line.substr(space + 1));
    if (!IsValidNoteKeyName(name) || !blob || blob->size() < 5) {
      return malformed("bad signature line");
    }
    // Only the (name, key id) pair identifies our key; any other line belongs to someone else
    // (a witness, another log) and is none of our business.
    if (name != name_ || ReadKeyId(*blob) != key_id_) continue;
    const auto signature = std::span<const std::uint8_t>(*blob).subspan(4);
    if (signature.size() != kEd25519SignatureSize || !VerifyEd25519(public_key_, text, signature)) {
      return Fail(ErrorCode::kInvalidArgument, "invalid signature by " + name_);
    }
    verified = true;
  }
  if (!verified) {
    return Fail(ErrorCode::kInvalidArgument,
                "note has no signature by " + name_ + "+" + KeyIdHex(key_id_));
  }
  return std::string(text);
}

}  // namespace sealpost::merkle
