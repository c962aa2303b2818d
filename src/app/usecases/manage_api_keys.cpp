#include "app/usecases/manage_api_keys.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"

#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"

namespace sealpost::app {

namespace {

// Keys are managed from a signed-in session by someone allowed to (the holder of a personal
// account, a company admin); an API key never manages keys.
common::Result<void> MayManageKeys(const Caller& caller) {
  if (caller.ViaApiKey()) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "API keys are managed in the web application after signing in");
  }
  if (!caller.Can(domain::Permission::kManageApiKeys)) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "only an administrator of this account manages its API keys");
  }
  return common::Ok();
}

}  // namespace

ManageApiKeys::ManageApiKeys(Database& database, const common::Clock& clock, common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<CreatedApiKey> ManageApiKeys::Create(const Caller& caller, std::string_view label,
                                                    std::string_view scopes) {
  if (auto allowed = MayManageKeys(caller); !allowed) return common::Fail(allowed.error());
  const long length = common::PrintableUtf8Length(label);
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
  const nlohmann::json details = {
      {"key_id", key.id}, {"label", key.label}, {"prefix", key.prefix}, {"scopes", key.scopes}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, key.created_at, key.account_id, "api_key.created", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  key.secret_hash.clear();
  return created;
}

common::Result<std::vector<domain::ApiKey>> ManageApiKeys::List(const Caller& caller) {
  if (auto allowed = MayManageKeys(caller); !allowed) return common::Fail(allowed.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto keys = (*uow)->ApiKeys().ListByAccount(caller.account.id);
  if (!keys) return keys;
  for (auto& key : *keys) key.secret_hash.clear();
  return keys;
}

common::Result<void> ManageApiKeys::Revoke(const Caller& caller, const std::string& key_id) {
  if (auto allowed = MayManageKeys(caller); !allowed) return common::Fail(allowed.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  const common::TimePoint now = clock_.Now();
  if (auto revoked = (*uow)->ApiKeys().Revoke(key_id, caller.account.id, now); !revoked) {
    return common::Fail(revoked.error());
  }
  const nlohmann::json details = {{"key_id", key_id}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(caller, random_, now, caller.account.id,
                                                            "api_key.revoked", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  return (*uow)->Commit();
}

}  // namespace sealpost::app
