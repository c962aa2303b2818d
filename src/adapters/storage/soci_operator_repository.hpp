// OperatorRepository on a SOCI session (SQLite or PostgreSQL). Lives inside one SociUnitOfWork and
// shares its transaction: not thread-safe.
#pragma once

#include "app/ports/operator_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociOperatorRepository final : public app::OperatorRepository {
 public:
  explicit SociOperatorRepository(soci::session& session) : session_(session) {}
  common::Result<void> Grant(const app::OperatorGrant& grant) override;
  common::Result<void> Revoke(const std::string& account_id) override;
  common::Result<bool> IsOperator(const std::string& account_id) override;
  common::Result<std::vector<app::OperatorGrant>> List() override;

 private:
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
