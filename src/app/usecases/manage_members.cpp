#include "app/usecases/manage_members.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/mail_templates.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "domain/email_address.hpp"

namespace sealpost::app {

namespace {

constexpr std::size_t kTokenBytes = 32;

common::Result<void> MayManage(const Caller& caller) {
  if (!caller.Can(domain::Permission::kManageMembers) || caller.ViaApiKey()) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "only an administrator of this company manages its members");
  }
  return common::Ok();
}

common::Result<std::vector<domain::Role>> RolesFrom(std::string_view text) {
  auto roles = domain::ParseRoles(text);
  if (!roles) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "roles must be one or more of: admin, sender, recipient_handler, "
                        "accountant");
  }
  return *roles;
}

// The one refusal for a change that would leave the company without an admin.
common::Result<void> KeepsAnAdmin(const std::vector<domain::Membership>& members) {
  if (domain::HasAdmin(members)) return common::Ok();
  return common::Fail(common::ErrorCode::kFailedPrecondition,
                      "a company keeps at least one administrator");
}

std::vector<domain::Membership>::iterator FindMember(std::vector<domain::Membership>& members,
                                                     const std::string& person_account_id) {
  return std::find_if(members.begin(), members.end(), [&](const domain::Membership& m) {
    return m.person_account_id == person_account_id;
  });
}

nlohmann::json RoleList(const std::vector<domain::Role>& roles) {
  nlohmann::json out = nlohmann::json::array();
  for (auto r : roles) out.push_back(domain::RoleName(r));
  return out;
}

}  // namespace

ManageMembers::ManageMembers(Database& database, const common::Clock& clock, common::Random& random,
                             std::string public_base_url)
    : database_(database),
      clock_(clock),
      random_(random),
      public_base_url_(std::move(public_base_url)) {
  while (!public_base_url_.empty() && public_base_url_.back() == '/') public_base_url_.pop_back();
}

common::Result<std::vector<MemberView>> ManageMembers::List(const Caller& caller) {
  if (auto ok = MayManage(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto members = (*uow)->Memberships().ListByCompany(caller.account.id);
  if (!members) return common::Fail(members.error());
  std::vector<MemberView> out;
  for (auto& m : *members) {
    auto person = (*uow)->Accounts().FindById(m.person_account_id);
    if (!person) return common::Fail(person.error());
    if (!*person) continue;
    out.push_back({std::move(m), std::move(**person)});
  }
  return out;
}

common::Result<std::vector<domain::Invitation>> ManageMembers::ListInvitations(
    const Caller& caller) {
  if (auto ok = MayManage(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto invitations = (*uow)->Invitations().ListByCompany(caller.account.id);
  if (!invitations) return invitations;
  for (auto& i : *invitations) i.token_hash.clear();
  return invitations;
}

common::Result<CreatedInvitation> ManageMembers::Invite(const Caller& caller,
                                                        std::string_view email_text,
                                                        std::string_view roles_text,
                                                        std::string_view locale) {
  if (auto ok = MayManage(caller); !ok) return common::Fail(ok.error());
  const std::string email(common::TrimAscii(email_text));
  if (!domain::LooksLikeEmail(email)) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the e-mail address is not valid: " + email);
  }
  auto roles = RolesFrom(roles_text);
  if (!roles) return common::Fail(roles.error());

  const common::TimePoint now = clock_.Now();
  const std::string token = common::NewToken(random_, kTokenBytes);
  CreatedInvitation created;
  domain::Invitation& inv = created.invitation;
  inv.id = common::NewUuid(random_);
  inv.company_account_id = caller.account.id;
  inv.email = email;
  inv.roles = std::move(*roles);
  inv.token_hash = common::HexEncode(common::Sha256(token));
  inv.invited_by = caller.ActorAccountId();
  inv.created_at = now;
  inv.expires_at = now + domain::kInvitationLifetime;
  created.link = public_base_url_ + "/invitations/" + token;

  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto inviter = (*uow)->Accounts().FindById(caller.ActorAccountId());
  if (!inviter) return common::Fail(inviter.error());
  if (auto inserted = (*uow)->Invitations().Insert(inv); !inserted) {
    return common::Fail(inserted.error());
  }
  InvitationMail invitation_mail;
  invitation_mail.company = caller.account.display_name;
  invitation_mail.inviter = *inviter ? (*inviter)->display_name : "";
  invitation_mail.roles = inv.roles;
  invitation_mail.link = created.link;
  invitation_mail.expires_at = inv.expires_at;
  MailEnvelope envelope;
  envelope.id = common::NewUuid(random_);
  envelope.to = email;
  envelope.locale = std::string(locale);
  envelope.now = now;
  auto mail = BuildOutboxMail(envelope, invitation_mail);
  if (!mail) return common::Fail(mail.error());
  if (auto queued = (*uow)->MailOutbox().Insert(*mail); !queued) {
    return common::Fail(queued.error());
  }
  const nlohmann::json details = {
      {"invitation_id", inv.id}, {"email", inv.email}, {"roles", RoleList(inv.roles)}};
  if (auto logged = (*uow)->AuditLog().Append(
          AuditEntryFor(caller, random_, now, caller.account.id, "member.invited", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  inv.token_hash.clear();
  return created;
}

common::Result<void> ManageMembers::RevokeInvitation(const Caller& caller,
                                                     const std::string& invitation_id) {
  if (auto ok = MayManage(caller); !ok) return common::Fail(ok.error());
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto revoked = (*uow)->Invitations().Revoke(invitation_id, caller.account.id, now);
      !revoked) {
    return common::Fail(revoked.error());
  }
  const nlohmann::json details = {{"invitation_id", invitation_id}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(caller, random_, now, caller.account.id,
                                                            "invitation.revoked", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  return (*uow)->Commit();
}

common::Result<domain::Membership> ManageMembers::SetRoles(const Caller& caller,
                                                           const std::string& person_account_id,
                                                           std::string_view roles_text) {
  if (auto ok = MayManage(caller); !ok) return common::Fail(ok.error());
  auto roles = RolesFrom(roles_text);
  if (!roles) return common::Fail(roles.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto members = (*uow)->Memberships().ListByCompany(caller.account.id);
  if (!members) return common::Fail(members.error());
  auto it = FindMember(*members, person_account_id);
  if (it == members->end()) return common::Fail(common::ErrorCode::kNotFound, "no such member");
  const std::vector<domain::Role> before = it->roles;
  it->roles = *roles;
  if (auto ok = KeepsAnAdmin(*members); !ok) return common::Fail(ok.error());
  if (auto updated =
          (*uow)->Memberships().UpdateRoles(caller.account.id, person_account_id, *roles);
      !updated) {
    return common::Fail(updated.error());
  }
  const nlohmann::json details = {{"member", person_account_id},
                                  {"roles_before", RoleList(before)},
                                  {"roles", RoleList(*roles)}};
  if (auto logged =
          (*uow)->AuditLog().Append(AuditEntryFor(caller, random_, clock_.Now(), caller.account.id,
                                                  "member.roles_changed", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return *it;
}

common::Result<void> ManageMembers::Remove(const Caller& caller,
                                           const std::string& person_account_id) {
  if (auto ok = MayManage(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto members = (*uow)->Memberships().ListByCompany(caller.account.id);
  if (!members) return common::Fail(members.error());
  auto it = FindMember(*members, person_account_id);
  if (it == members->end()) return common::Fail(common::ErrorCode::kNotFound, "no such member");
  const nlohmann::json details = {{"member", person_account_id}, {"roles", RoleList(it->roles)}};
  members->erase(it);
  if (auto ok = KeepsAnAdmin(*members); !ok) return common::Fail(ok.error());
  if (auto removed = (*uow)->Memberships().Remove(caller.account.id, person_account_id); !removed) {
    return common::Fail(removed.error());
  }
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, clock_.Now(), caller.account.id, "member.removed", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  return (*uow)->Commit();
}

}  // namespace sealpost::app
