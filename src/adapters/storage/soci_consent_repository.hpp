// ConsentRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one SociUnitOfWork and
// shares its transaction: not thread-safe.
#pragma once

#include "app/ports/account_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociConsentRepository final : public app::ConsentRepository {
 public:
  explicit SociConsentRepository(soci::session& session) : session_(session) {}

  common::Result<void> Insert(const domain::Consent& consent) override;
  // When several consents are active at `at`, the most recently given one.
  common::Result<std::optional<domain::Consent>> FindActive(const std::string& account_id,
                                                            common::TimePoint at) override;
  // kNotFound for an unknown consent; revoking a revoked consent keeps its first revocation time.
  common::Result<void> Revoke(const std::string& consent_id, common::TimePoint at) override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
