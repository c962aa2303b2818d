// AcceptInvitation: the person who follows an invitation link sees which company invites them
// and with which roles (Preview, before or after signing in), and joins it once signed in with
// eID/itsme (Accept). Single use: the first acceptance wins; an expired, withdrawn or used link
// says so plainly. Unknown tokens answer kNotFound. The joined person — not the e-mail address —
// is what the membership and the audit log record. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/invitation.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

struct InvitationPreview {
  domain::Invitation invitation;  // token_hash cleared
  std::string company_name;
  domain::InvitationStatus status = domain::InvitationStatus::kPending;
};

class AcceptInvitation {
 public:
  AcceptInvitation(Database& database, const common::Clock& clock, common::Random& random);

  // kNotFound for a token that matches no invitation.
  common::Result<InvitationPreview> Preview(std::string_view token);
  // kPermissionDenied unless a signed-in person; kNotFound for an unknown token;
  // kFailedPrecondition for an expired, withdrawn or used invitation; kConflict when the person is
  // a member already.
  common::Result<domain::Membership> Accept(const Caller& caller, std::string_view token);

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
