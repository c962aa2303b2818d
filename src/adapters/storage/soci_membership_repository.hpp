// MembershipRepository and InvitationRepository on a SOCI session (SQLite or PostgreSQL). Live
// inside one SociUnitOfWork and share its transaction: not thread-safe.
#pragma once

#include "app/ports/membership_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociMembershipRepository final : public app::MembershipRepository {
 public:
  explicit SociMembershipRepository(soci::session& session) : session_(session) {}
  common::Result<void> Insert(const domain::Membership& membership) override;
  common::Result<std::optional<domain::Membership>> Find(
      const std::string& company_account_id, const std::string& person_account_id) override;
  common::Result<std::vector<domain::Membership>> ListByCompany(
      const std::string& company_account_id) override;
  common::Result<std::vector<domain::Membership>> ListByPerson(
      const std::string& person_account_id) override;
  common::Result<void> UpdateRoles(const std::string& company_account_id,
                                   const std::string& person_account_id,
                                   const std::vector<domain::Role>& roles) override;
  common::Result<void> Remove(const std::string& company_account_id,
                              const std::string& person_account_id) override;

 private:
  common::Result<std::vector<domain::Membership>> Select(const std::string& where,
                                                         const std::string& a, const std::string& b,
                                                         const std::string& context);
  soci::session& session_;
};

class SociInvitationRepository final : public app::InvitationRepository {
 public:
  explicit SociInvitationRepository(soci::session& session) : session_(session) {}
  common::Result<void> Insert(const domain::Invitation& invitation) override;
  common::Result<std::optional<domain::Invitation>> FindByTokenHash(
      const std::string& token_hash) override;
  common::Result<std::vector<domain::Invitation>> ListByCompany(
      const std::string& company_account_id) override;
  common::Result<void> MarkAccepted(const std::string& id, common::TimePoint at,
                                    const std::string& person_account_id) override;
  common::Result<void> Revoke(const std::string& id, const std::string& company_account_id,
                              common::TimePoint at) override;

 private:
  common::Result<std::vector<domain::Invitation>> Select(const std::string& where,
                                                         const std::string& value,
                                                         const std::string& context);
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
