// KboRegistry on a SOCI session (SQLite or PostgreSQL): table kbo_enterprises
// (migrations/<dialect>/0006_kbo.sql). Each batch call is one prepared statement run per row inside
// a savepoint, so a failing batch leaves nothing half-written. Lives inside one SociUnitOfWork and
// shares its transaction: not thread-safe.
#pragma once

#include "app/ports/kbo_registry.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociKboRegistry final : public app::KboRegistry {
 public:
  explicit SociKboRegistry(soci::session& session) : session_(session) {}
  common::Result<void> UpsertEnterprises(std::span<const app::KboEnterprise> rows) override;
  common::Result<std::size_t> SetNames(std::span<const app::KboName> rows) override;
  common::Result<std::size_t> SetAddresses(std::span<const app::KboAddress> rows) override;
  common::Result<void> ClearNames(std::span<const std::string> enterprise_numbers) override;
  common::Result<void> ClearAddresses(std::span<const std::string> enterprise_numbers) override;
  common::Result<std::size_t> Delete(std::span<const std::string> enterprise_numbers) override;
  common::Result<std::optional<app::KboRecord>> Find(const std::string& enterprise_number) override;

 private:
  // Runs `sql` once per number (bound as :number); returns the rows it touched.
  common::Result<std::size_t> ForEachNumber(std::string_view context, const std::string& sql,
                                            std::span<const std::string> enterprise_numbers);

  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
