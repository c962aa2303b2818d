// AccountRepository on a SOCI session (SQLite or PostgreSQL).
// Lives inside one SociUnitOfWork and shares its session and transaction: not thread-safe.
#pragma once

#include "app/ports/account_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociAccountRepository final : public app::AccountRepository {
 public:
  explicit SociAccountRepository(soci::session& session) : session_(session) {}

  // Empty enterprise/national numbers are stored as NULL; both are unique when present (a person or
  // a company has one account), so a duplicate national number is kConflict too.
  common::Result<void> Insert(const domain::Account& account) override;
  common::Result<std::optional<domain::Account>> FindById(const std::string& id) override;
  common::Result<std::optional<domain::Account>> FindByEnterpriseNumber(
      const std::string& digits) override;
  common::Result<std::optional<domain::Account>> FindByNationalNumber(
      const std::string& digits) override;
  // Case-insensitive for ASCII letters only, identically on both backends.
  common::Result<std::vector<domain::Account>> FindByEmail(const std::string& email) override;
  common::Result<std::vector<domain::Account>> Search(const std::string& text,
                                                      std::size_t limit) override;
  common::Result<void> UpdateEmail(const std::string& id, const std::string& email) override;
  common::Result<void> SetCanSend(const std::string& id, bool can_send) override;

 private:
  common::Result<std::vector<domain::Account>> Select(const std::string& where,
                                                      const std::string& value,
                                                      const std::string& context);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
