// RecipientAddressRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one
// SociUnitOfWork and shares its transaction: not thread-safe.
#pragma once

#include "app/ports/recipient_address_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociRecipientAddressRepository final : public app::RecipientAddressRepository {
 public:
  explicit SociRecipientAddressRepository(soci::session& session) : session_(session) {}

  common::Result<void> Insert(const domain::RecipientAddress& address) override;
  common::Result<std::optional<domain::RecipientAddress>> FindByTokenHash(
      const std::string& hex_hash) override;
  common::Result<std::vector<domain::RecipientAddress>> ListByAccount(
      const std::string& account_id) override;
  common::Result<std::vector<std::string>> AccountsVerifiedAt(const std::string& email) override;
  common::Result<void> MarkVerified(const std::string& id, common::TimePoint at) override;
  common::Result<void> Remove(const std::string& id, const std::string& account_id,
                              common::TimePoint at) override;

 private:
  common::Result<std::vector<domain::RecipientAddress>> Select(const std::string& where,
                                                               const std::string& value,
                                                               const std::string& context);
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
