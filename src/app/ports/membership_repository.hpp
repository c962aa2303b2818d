// Persistence of company memberships and invitations. Used only inside a UnitOfWork (one per
// thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/invitation.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

class MembershipRepository {
 public:
  virtual ~MembershipRepository() = default;
  // kConflict when the person is a member of the company already.
  virtual common::Result<void> Insert(const domain::Membership& membership) = 0;
  virtual common::Result<std::optional<domain::Membership>> Find(
      const std::string& company_account_id, const std::string& person_account_id) = 0;
  // Oldest member first.
  virtual common::Result<std::vector<domain::Membership>> ListByCompany(
      const std::string& company_account_id) = 0;
  // The companies the person belongs to, oldest membership first.
  virtual common::Result<std::vector<domain::Membership>> ListByPerson(
      const std::string& person_account_id) = 0;
  // kNotFound when there is no such membership.
  virtual common::Result<void> UpdateRoles(const std::string& company_account_id,
                                           const std::string& person_account_id,
                                           const std::vector<domain::Role>& roles) = 0;
  virtual common::Result<void> Remove(const std::string& company_account_id,
                                      const std::string& person_account_id) = 0;
};

class InvitationRepository {
 public:
  virtual ~InvitationRepository() = default;
  virtual common::Result<void> Insert(const domain::Invitation& invitation) = 0;
  virtual common::Result<std::optional<domain::Invitation>> FindByTokenHash(
      const std::string& token_hash) = 0;
  // Newest first.
  virtual common::Result<std::vector<domain::Invitation>> ListByCompany(
      const std::string& company_account_id) = 0;
  // Records the acceptance of a pending invitation. kConflict when it was accepted or revoked
  // meanwhile (two browsers racing on one link: exactly one joins).
  virtual common::Result<void> MarkAccepted(const std::string& id, common::TimePoint at,
                                            const std::string& person_account_id) = 0;
  // kNotFound when the invitation does not exist or belongs to another company. Revoking an
  // accepted or revoked invitation changes nothing.
  virtual common::Result<void> Revoke(const std::string& id, const std::string& company_account_id,
                                      common::TimePoint at) = 0;
};

}  // namespace sealpost::app
