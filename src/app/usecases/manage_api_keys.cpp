#include "app/usecases/manage_api_keys.hpp"

#include <cstdint>

#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

namespace {

// Code points in `text` when it is well-formed UTF-8 without control characters, else -1.
long LabelLength(std::string_view text) {
  long count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) return -1;
      n = 1;
      cp = c;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      cp = c & 0x07;
    } else {
      return -1;
    }
    if (i + n > text.size()) return -1;
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<std::uint8_t>(text[i + k]);
      if ((cc & 0xc0) != 0x80) return -1;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates, beyond U+10FFFF, and C1 controls.
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f)) {
      return -1;
    }
    i += n;
    ++count;
  }
  return count;
}

bool SignedInPerson(const Caller& caller) { return caller.authentication_method != "api-key"; }

common::Error KeysNeedWebSignIn() {
  return {common::ErrorCode::kPermissionDenied,
          "API keys are managed in the web application after signing in", ""};
}

}  // namespace

ManageApiKeys::ManageApiKeys(Database& database, const common::Clock& clock, common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<CreatedApiKey> ManageApiKeys::Create(const Caller& caller, std::string_view label,
                                                    std::string_view scopes) {
  if (!SignedInPerson(caller)) return common::Fail(KeysNeedWebSignIn());
  const long length = LabelLength(label);
  if (length < 1 || static_cast<std::size_t>(length) > kMaxLabelLength) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the label must be 1 to 100 characters of text");
  }
  auto canonical = domain::CanonicalApiKeyScopes(scopes);
  if (!canonical) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "scopes must be one or more of: send, read, inbox, billing");
  }
  CreatedApiKey created;
  created.secret = std::string(kSecretPrefix) + common::NewToken(random_, 32);
  domain::ApiKey& key = created.key;
  key.id = common::NewUuid(random_);
  key.account_id = caller.account.id;
  key.label = std::string(label);
  key.prefix = created.secret.substr(0, kShownPrefixLength);
  key.secret_hash = common::HexEncode(common::Sha256(created.secret));
  key.scopes = std::move(*canonical);
  key.created_at = clock_.Now();

  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto inserted = (*uow)->ApiKeys().Insert(key); !inserted) {
    return common::Fail(inserted.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  key.secret_hash.clear();
  return created;
}

common::Result<std::vector<domain::ApiKey>> ManageApiKeys::List(const Caller& caller) {
  if (!SignedInPerson(caller)) return common::Fail(KeysNeedWebSignIn());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto keys = (*uow)->ApiKeys().ListByAccount(caller.account.id);
  if (!keys) return keys;
  for (auto& key : *keys) key.secret_hash.clear();
  return keys;
}

common::Result<void> ManageApiKeys::Revoke(const Caller& caller, const std::string& key_id) {
  if (!SignedInPerson(caller)) return common::Fail(KeysNeedWebSignIn());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto revoked = (*uow)->ApiKeys().Revoke(key_id, caller.account.id, clock_.Now()); !revoked) {
    return common::Fail(revoked.error());
  }
  return (*uow)->Commit();
}

}  // namespace sealpost::app
