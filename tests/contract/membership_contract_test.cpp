// Contract of the membership, invitation, operator, audit log and mail outbox repositories, and of
// the session's acting account, on SQLite and PostgreSQL (fixture: storage_contract_fixture.hpp).
#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace sealpost::testing {
namespace {

using common::ErrorCode;
using domain::Role;

domain::Invitation MakeInvitation(const std::string& id, const std::string& company,
                                  common::TimePoint created) {
  domain::Invitation inv;
  inv.id = id;
  inv.company_account_id = company;
  inv.email = "Zoë@example.be";
  inv.roles = {Role::kSender, Role::kAccountant};
  inv.token_hash = std::string(63, 'f') + id.back();
  inv.invited_by = Id(1);
  inv.created_at = created;
  inv.expires_at = created + domain::kInvitationLifetime;
  return inv;
}

TEST_P(StorageContract, MembershipsRoundTripUpdateAndRemove) {
  Seed();  // person Id(1), company Id(2)
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Accounts().Insert(Person(Id(3), "b@example.org", "90010100123")));
    ASSERT_OK(u.Memberships().Insert({Id(2), Id(1), {Role::kAdmin}, kT0, Id(1)}));
    ASSERT_OK(u.Memberships().Insert(
        {Id(2), Id(3), {Role::kSender, Role::kRecipientHandler}, kT0 + 1s, Id(1)}));
    ASSERT_ERROR(u.Memberships().Insert({Id(2), Id(3), {Role::kAdmin}, kT0, Id(1)}),
                 ErrorCode::kConflict);
  });
  auto u = Begin();
  auto members = u->Memberships().ListByCompany(Id(2));
  ASSERT_OK(members);
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ(members->at(0).person_account_id, Id(1));
  EXPECT_EQ(members->at(1).roles, (std::vector<Role>{Role::kSender, Role::kRecipientHandler}));
  EXPECT_EQ(members->at(1).joined_at, kT0 + 1s);
  EXPECT_EQ(members->at(1).added_by, Id(1));
  auto mine = u->Memberships().ListByPerson(Id(3));
  ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).company_account_id, Id(2));

  ASSERT_OK(u->Memberships().UpdateRoles(Id(2), Id(3), {Role::kAccountant}));
  auto found = u->Memberships().Find(Id(2), Id(3));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->roles, std::vector<Role>{Role::kAccountant});
  ASSERT_ERROR(u->Memberships().UpdateRoles(Id(2), Id(9), {Role::kAdmin}), ErrorCode::kNotFound);
  ASSERT_OK(u->Memberships().Remove(Id(2), Id(3)));
  ASSERT_ERROR(u->Memberships().Remove(Id(2), Id(3)), ErrorCode::kNotFound);
  EXPECT_FALSE(u->Memberships().Find(Id(2), Id(3))->has_value());
  ASSERT_OK(u->Commit());
}

TEST_P(StorageContract, InvitationsAcceptOnceAndRevokeWithinTheirCompany) {
  Seed();
  const domain::Invitation first = MakeInvitation(Id(10), Id(2), kT0);
  const domain::Invitation second = MakeInvitation(Id(11), Id(2), kT0 + 1s);
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Invitations().Insert(first));
    ASSERT_OK(u.Invitations().Insert(second));
  });
  auto u = Begin();
  auto found = u->Invitations().FindByTokenHash(first.token_hash);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->email, "Zoë@example.be");
  EXPECT_EQ((*found)->roles, first.roles);
  EXPECT_EQ((*found)->expires_at, first.expires_at);
  EXPECT_EQ((*found)->StatusAt(kT0), domain::InvitationStatus::kPending);
  auto listed = u->Invitations().ListByCompany(Id(2));
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).id, Id(11)) << "newest first";

  ASSERT_OK(u->Invitations().MarkAccepted(Id(10), kT0 + 5s, Id(1)));
  ASSERT_ERROR(u->Invitations().MarkAccepted(Id(10), kT0 + 6s, Id(1)), ErrorCode::kConflict);
  auto accepted = u->Invitations().FindByTokenHash(first.token_hash);
  EXPECT_EQ((*accepted)->accepted_at, kT0 + 5s);
  EXPECT_EQ((*accepted)->accepted_by, Id(1));
  EXPECT_EQ((*accepted)->StatusAt(kT0 + 10s), domain::InvitationStatus::kAccepted);

  ASSERT_ERROR(u->Invitations().Revoke(Id(11), Id(1), kT0 + 7s), ErrorCode::kNotFound);
  ASSERT_OK(u->Invitations().Revoke(Id(11), Id(2), kT0 + 7s));
  ASSERT_OK(u->Invitations().Revoke(Id(11), Id(2), kT0 + 8s));  // again: no change
  auto revoked = u->Invitations().FindByTokenHash(second.token_hash);
  EXPECT_EQ((*revoked)->revoked_at, kT0 + 7s);
  ASSERT_ERROR(u->Invitations().MarkAccepted(Id(11), kT0 + 9s, Id(1)), ErrorCode::kConflict);
  ASSERT_OK(u->Commit());
}

TEST_P(StorageContract, OperatorsAndTheAuditLog) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Operators().Grant({Id(1), kT0, "command-line:root"}));
    ASSERT_OK(u.Operators().Grant({Id(1), kT0 + 1s, "command-line:other"}));  // no change
    for (int i = 0; i < 3; ++i) {
      domain::AuditEntry e;
      e.id = Id(50 + i);
      e.at = kT0 + std::chrono::seconds(i);
      e.actor_account_id = Id(1);
      e.actor = "session:itsme";
      e.account_id = i == 1 ? Id(1) : Id(2);
      e.action = "member.invited";
      e.details_json = R"({"email":"é@example.be"})";
      ASSERT_OK(u.AuditLog().Append(e));
    }
  });
  auto u = Begin();
  EXPECT_TRUE(*u->Operators().IsOperator(Id(1)));
  EXPECT_FALSE(*u->Operators().IsOperator(Id(2)));
  auto operators = u->Operators().List();
  ASSERT_OK(operators);
  ASSERT_EQ(operators->size(), 1u);
  EXPECT_EQ(operators->at(0).granted_by, "command-line:root");
  ASSERT_OK(u->Operators().Revoke(Id(1)));
  ASSERT_ERROR(u->Operators().Revoke(Id(1)), ErrorCode::kNotFound);

  auto all = u->AuditLog().List({});
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).id, Id(52)) << "newest first";
  EXPECT_EQ(all->at(2).details_json, R"({"email":"é@example.be"})");
  app::AuditQuery about;
  about.account_id = Id(2);
  auto about_company = u->AuditLog().List(about);
  ASSERT_OK(about_company);
  EXPECT_EQ(about_company->size(), 2u);
  app::AuditQuery page;
  page.before = kT0 + 2s;
  page.limit = 1;
  auto older = u->AuditLog().List(page);
  ASSERT_OK(older);
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ(older->at(0).id, Id(51));
  app::AuditQuery invites;
  invites.action_prefix = "member.";
  EXPECT_EQ(u->AuditLog().List(invites)->size(), 3u);
  invites.action_prefix = "member_";  // '_' is literal, not a wildcard
  EXPECT_TRUE(u->AuditLog().List(invites)->empty());
}

TEST_P(StorageContract, TheAuditLogIsAHashChainInAppendOrder) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    for (int i = 0; i < 4; ++i) {
      domain::AuditEntry e;
      e.id = Id(60 + i);
      e.at = kT0 + std::chrono::seconds(10 - i);  // the chain follows appends, not clocks
      e.actor_account_id = Id(1);
      e.actor = "session:demo";
      e.account_id = Id(2);
      e.action = "member.roles_changed";
      e.details_json = i == 2 ? "" : R"({"n":)" + std::to_string(i) + "}";
      ASSERT_OK(u.AuditLog().Append(e));
    }
  });
  auto u = Begin();
  auto chain = u->AuditLog().ListChain(0, 100);
  ASSERT_OK(chain);
  ASSERT_EQ(chain->size(), 4u);
  std::string prev(domain::kAuditChainGenesis);
  for (std::size_t i = 0; i < chain->size(); ++i) {
    const domain::AuditEntry& e = chain->at(i);
    EXPECT_EQ(e.id, Id(60 + static_cast<int>(i)));
    EXPECT_EQ(e.seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.entry_hash, domain::AuditEntryHash(e, e.seq, e.prev_hash)) << "entry " << i;
    prev = e.entry_hash;
  }
  EXPECT_EQ(chain->at(2).details_json, "{}");
  auto head = u->AuditLog().ChainHead();
  ASSERT_OK(head);
  EXPECT_EQ(head->seq, 4);
  EXPECT_EQ(head->hash, prev);
  auto rest = u->AuditLog().ListChain(2, 1);
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(rest->at(0).id, Id(62));
}

TEST_P(StorageContract, MailOutboxDueRetryFailAndSent) {
  Seed();
  auto mail = [](int n, common::TimePoint due) {
    app::OutboxMail m;
    m.id = Id(n);
    m.template_name = "invitation";
    m.to = "zoë@example.be";
    m.to_name = "Zoë";
    m.locale = "nl";
    m.args_json = R"({"link":"https://x/invitations/t"})";
    m.created_at = kT0;
    m.next_attempt_at = due;
    return m;
  };
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.MailOutbox().Insert(mail(60, kT0)));
    app::OutboxMail with_delivery = mail(61, kT0 + 1s);
    with_delivery.delivery_id = Id(200);
    ASSERT_OK(u.MailOutbox().Insert(with_delivery));
    ASSERT_OK(u.MailOutbox().Insert(mail(62, kT0 + 1h)));
  });
  auto u = Begin();
  auto due = u->MailOutbox().Due(kT0 + 1s, 10);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ(due->at(0).id, Id(60));
  EXPECT_EQ(due->at(1).delivery_id, Id(200));
  EXPECT_EQ(due->at(0).to, "zoë@example.be");
  EXPECT_EQ(u->MailOutbox().Due(kT0 + 1s, 1)->size(), 1u);

  ASSERT_OK(u->MailOutbox().MarkRetry(Id(60), kT0 + 10min, "451 try later"));
  ASSERT_OK(u->MailOutbox().MarkFailed(Id(61), kT0 + 2s, "550 no such user"));
  ASSERT_OK(u->MailOutbox().MarkSent(Id(62), kT0 + 3s));
  ASSERT_ERROR(u->MailOutbox().MarkSent(Id(62), kT0 + 4s), ErrorCode::kNotFound);
  EXPECT_TRUE(u->MailOutbox().Due(kT0 + 2h, 10)->size() == 1u) << "only the retried one";
  auto retried = u->MailOutbox().FindById(Id(60));
  ASSERT_OK(retried);
  EXPECT_EQ((*retried)->attempts, 1);
  EXPECT_EQ((*retried)->last_error, "451 try later");
  EXPECT_EQ((*retried)->next_attempt_at, kT0 + 10min);
  auto failed = u->MailOutbox().FindById(Id(61));
  EXPECT_EQ((*failed)->failed_at, kT0 + 2s);
  auto sent = u->MailOutbox().FindById(Id(62));
  EXPECT_EQ((*sent)->sent_at, kT0 + 3s);
  EXPECT_FALSE(u->MailOutbox().FindById(Id(63))->has_value());
}

TEST_P(StorageContract, SessionKeepsTheAccountItActsFor) {
  Seed();
  domain::Session s;
  s.id_hash = std::string(64, 'e');
  s.account_id = Id(1);
  s.locale = "de";
  s.created_at = s.last_seen_at = kT0;
  s.expires_at = kT0 + domain::kSessionLifetime;
  InTransaction([&](app::UnitOfWork& u) { ASSERT_OK(u.Sessions().Insert(s)); });
  auto u = Begin();
  EXPECT_EQ((*u->Sessions().FindByIdHash(s.id_hash))->acting_account_id, "");
  s.acting_account_id = Id(2);
  ASSERT_OK(u->Sessions().Update(s));
  EXPECT_EQ((*u->Sessions().FindByIdHash(s.id_hash))->acting_account_id, Id(2));
  s.version += 1;
  s.acting_account_id.clear();
  ASSERT_OK(u->Sessions().Update(s));
  EXPECT_EQ((*u->Sessions().FindByIdHash(s.id_hash))->acting_account_id, "");
}

}  // namespace
}  // namespace sealpost::testing
