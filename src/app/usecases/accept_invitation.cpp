#include "app/usecases/accept_invitation.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

namespace {

constexpr std::size_t kMaxTokenLength = 64;

common::Error UnknownInvitation() {
  return {common::ErrorCode::kNotFound, "this invitation link is not valid", ""};
}

common::Result<void> Usable(domain::InvitationStatus status) {
  switch (status) {
    case domain::InvitationStatus::kPending:
      return common::Ok();
    case domain::InvitationStatus::kAccepted:
      return common::Fail(common::ErrorCode::kFailedPrecondition,
                          "this invitation has been used already");
    case domain::InvitationStatus::kRevoked:
      return common::Fail(common::ErrorCode::kFailedPrecondition,
                          "this invitation was withdrawn by the company");
    case domain::InvitationStatus::kExpired:
      return common::Fail(common::ErrorCode::kFailedPrecondition,
                          "this invitation has expired; ask for a new one");
  }
  return common::Ok();
}

}  // namespace

AcceptInvitation::AcceptInvitation(Database& database, const common::Clock& clock,
                                   common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

common::Result<InvitationPreview> AcceptInvitation::Preview(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return common::Fail(UnknownInvitation());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto found = (*uow)->Invitations().FindByTokenHash(common::HexEncode(common::Sha256(token)));
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(UnknownInvitation());
  auto company = (*uow)->Accounts().FindById((*found)->company_account_id);
  if (!company) return common::Fail(company.error());
  InvitationPreview preview;
  preview.invitation = std::move(**found);
  preview.invitation.token_hash.clear();
  preview.company_name = *company ? (*company)->display_name : "";
  preview.status = preview.invitation.StatusAt(clock_.Now());
  return preview;
}

common::Result<domain::Membership> AcceptInvitation::Accept(const Caller& caller,
                                                            std::string_view token) {
  if (caller.ViaApiKey() || caller.person_account_id.empty()) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "sign in with eID or itsme to accept an invitation");
  }
  if (token.empty() || token.size() > kMaxTokenLength) return common::Fail(UnknownInvitation());
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto found = (*uow)->Invitations().FindByTokenHash(common::HexEncode(common::Sha256(token)));
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(UnknownInvitation());
  const domain::Invitation& inv = **found;
  if (auto ok = Usable(inv.StatusAt(now)); !ok) return common::Fail(ok.error());
  auto existing = (*uow)->Memberships().Find(inv.company_account_id, caller.person_account_id);
  if (!existing) return common::Fail(existing.error());
  if (*existing) {
    return common::Fail(common::ErrorCode::kConflict, "you are a member of this company already");
  }
  domain::Membership membership;
  membership.company_account_id = inv.company_account_id;
  membership.person_account_id = caller.person_account_id;
  membership.roles = inv.roles;
  membership.joined_at = now;
  membership.added_by = inv.invited_by;
  if (auto accepted = (*uow)->Invitations().MarkAccepted(inv.id, now, caller.person_account_id);
      !accepted) {
    return common::Fail(accepted.error());
  }
  if (auto joined = (*uow)->Memberships().Insert(membership); !joined) {
    return common::Fail(joined.error());
  }
  const nlohmann::json details = {{"invitation_id", inv.id},
                                  {"roles", domain::RoleNames(inv.roles)}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, now, inv.company_account_id, "member.joined", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return membership;
}

}  // namespace sealpost::app
