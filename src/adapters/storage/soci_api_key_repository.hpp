// ApiKeyRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one SociUnitOfWork and
// shares its transaction: not thread-safe.
#pragma once

#include "app/ports/account_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociApiKeyRepository final : public app::ApiKeyRepository {
 public:
  explicit SociApiKeyRepository(soci::session& session) : session_(session) {}

  // kConflict on a duplicate id or secret hash.
  common::Result<void> Insert(const domain::ApiKey& key) override;
  common::Result<std::optional<domain::ApiKey>> FindBySecretHash(
      const std::string& hex_hash) override;
  // Oldest first, revoked keys included.
  common::Result<std::vector<domain::ApiKey>> ListByAccount(const std::string& account_id) override;
  // Revoking a revoked key keeps its first revocation time.
  common::Result<void> Revoke(const std::string& key_id, const std::string& account_id,
                              common::TimePoint at) override;
  common::Result<void> MarkUsed(const std::string& key_id, common::TimePoint at) override;

 private:
  common::Result<std::vector<domain::ApiKey>> Select(const std::string& where,
                                                     const std::string& value,
                                                     const std::string& context);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
