#include "app/usecases/authenticate_api_key.hpp"

#include "common/sha256.hpp"

namespace sealpost::app {

AuthenticateApiKey::AuthenticateApiKey(Database& database, const common::Clock& clock)
    : database_(database), clock_(clock) {}

common::Result<Caller> AuthenticateApiKey::Execute(std::string_view secret) {
  auto denied = [] {
    return common::Fail(common::ErrorCode::kUnauthenticated, "a valid API key is required");
  };
  if (secret.size() < 16 || secret.size() > 200) return denied();
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  // The hash is the lookup key: a timing difference can reveal at most whether a hash exists.
  auto key = (*uow)->ApiKeys().FindBySecretHash(common::HexEncode(common::Sha256(secret)));
  if (!key) return common::Fail(key.error());
  if (!*key || (*key)->revoked_at) return denied();
  auto account = (*uow)->Accounts().FindById((*key)->account_id);
  if (!account) return common::Fail(account.error());
  if (!*account) return denied();
  uow->reset();  // read-only: roll back and free the connection before the write below
  const common::TimePoint now = clock_.Now();
  if (!(*key)->last_used_at || now - *(*key)->last_used_at >= kLastUseResolution) {
    // Its own short transaction that starts with the write: a read-then-write transaction could
    // fail to upgrade on SQLite when another writer committed in between.
    auto mark = database_.Begin();
    if (!mark) return common::Fail(mark.error());
    if (auto marked = (*mark)->ApiKeys().MarkUsed((*key)->id, now); !marked) {
      return common::Fail(marked.error());
    }
    if (auto committed = (*mark)->Commit(); !committed) return common::Fail(committed.error());
  }
  Caller caller;
  caller.account = std::move(**account);
  caller.credential_id = (*key)->id;
  caller.permissions = domain::Permissions::FromScopes((*key)->scopes);
  caller.authentication_method = std::string(kApiKeyAuthentication);
  caller.authenticated_at = now;
  return caller;
}

}  // namespace sealpost::app
