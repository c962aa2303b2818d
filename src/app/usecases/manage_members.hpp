// ManageMembers: a company admin lists the members and invitations of the company they act for,
// invites people by e-mail with roles, changes roles, removes members and withdraws invitations
// (PRODUCT §3). A company always keeps at least one admin. The invitation e-mail goes through the
// mail outbox in the same transaction as the invitation, so an invitation never exists without
// its e-mail nor the reverse. The token in the link exists only in that e-mail: the database keeps
// its SHA-256. Every change is audited. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/invitation.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

struct MemberView {
  domain::Membership membership;
  domain::Account person;
};

struct CreatedInvitation {
  domain::Invitation invitation;
  std::string link;  // what the e-mail carries; returned for the admin's confirmation page only
};

class ManageMembers {
 public:
  // `public_base_url` (e.g. "https://sealpost.example") prefixes the invitation link.
  ManageMembers(Database& database, const common::Clock& clock, common::Random& random,
                std::string public_base_url);

  // All: kPermissionDenied without the members permission on the account acted for (company
  // admins only; an API key never has it).
  common::Result<std::vector<MemberView>> List(const Caller& caller);
  common::Result<std::vector<domain::Invitation>> ListInvitations(const Caller& caller);
  // `roles`: space- or comma-separated role names. kInvalidArgument for a wrong address or role.
  // `locale` is the language of the e-mail (the inviting admin's).
  common::Result<CreatedInvitation> Invite(const Caller& caller, std::string_view email,
                                           std::string_view roles, std::string_view locale);
  // kNotFound for an unknown invitation or another company's.
  common::Result<void> RevokeInvitation(const Caller& caller, const std::string& invitation_id);
  // kNotFound for someone who is not a member; kFailedPrecondition when it would leave the company
  // without an admin.
  common::Result<domain::Membership> SetRoles(const Caller& caller,
                                              const std::string& person_account_id,
                                              std::string_view roles);
  common::Result<void> Remove(const Caller& caller, const std::string& person_account_id);

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
  std::string public_base_url_;
};

}  // namespace sealpost::app
