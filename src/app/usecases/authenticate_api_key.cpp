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
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  // The hash is the lookup key: a timing difference can reveal at most whether a hash exists.
  auto key = (*uow)->ApiKeys().FindBySecretHash(common::HexEncode(common::Sha256(secret)));
  if (!key) return common::Fail(key.error());
  if (!*key || (*key)->revoked_at) return denied();
  auto account = (*uow)->Accounts().FindById((*key)->account_id);
  if (!account) return common::Fail(account.error());
  if (!*account) return denied();
  return Caller{std::move(**account), (*key)->id, (*key)->scopes, "api-key", clock_.Now()};
}

}  // namespace sealpost::app
