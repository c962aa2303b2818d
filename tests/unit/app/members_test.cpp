// Company accounts, members, roles and invitations (PRODUCT §1, §3): a person opens a company
// account and is its admin; the admin invites by e-mail; whoever follows the link and signs in
// joins with the invited roles, once; roles decide what a member may do when acting for the
// company; a company always keeps an admin; every change is audited; operators are granted from
// the command line only.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/usecases/accept_invitation.hpp"
#include "app/usecases/company_accounts.hpp"
#include "app/usecases/manage_members.hpp"
#include "app/usecases/manage_operators.hpp"
#include "domain/membership.hpp"
#include "fakes/scripted_identity_provider.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using namespace std::chrono_literals;
using common::ErrorCode;
using domain::Permission;
using domain::Role;

constexpr const char* kNewCompanyNumber = "0417.497.106";  // valid check digits
constexpr const char* kSecondNationalNumber = "90010100123";
constexpr const char* kThirdNationalNumber = "00012556777";

class MembersTest : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    companies_ = std::make_unique<CompanyAccounts>(*database_, clock_, random_);
    members_ =
        std::make_unique<ManageMembers>(*database_, clock_, random_, "https://sealpost.test/");
    accept_ = std::make_unique<AcceptInvitation>(*database_, clock_, random_);
    operators_ = std::make_unique<ManageOperators>(*database_, clock_, random_);
    second_person_ = InsertPerson(kSecondNationalNumber, "Marie Janssens");
  }

  domain::Account InsertPerson(const std::string& national_number, const std::string& name) {
    domain::Account a;
    a.id = common::NewUuid(random_);
    a.kind = domain::AccountKind::kPerson;
    a.display_name = name;
    a.national_number = national_number;
    a.assurance_level = "http://eidas.europa.eu/LoA/high";
    a.authentication_method = "itsme";
    a.created_at = clock_.Now();
    auto uow = database_->Begin().value();
    EXPECT_TRUE(uow->Accounts().Insert(a).has_value());
    EXPECT_TRUE(uow->Commit().has_value());
    return a;
  }

  // `person` signed in on the web, acting for their own account.
  Caller Personal(const domain::Account& person) {
    Caller c;
    c.account = person;
    c.person_account_id = person.id;
    c.person_name = person.display_name;
    c.credential_id = std::string(64, 'b');
    c.permissions = domain::PersonalAccountPermissions();
    c.authentication_method = "itsme";
    c.authenticated_at = clock_.Now();
    return c;
  }

  // `person` acting for `company` with `roles` (as SessionService::CallerFor builds it).
  Caller Member(const domain::Account& person, const domain::Account& company,
                std::vector<Role> roles) {
    Caller c = Personal(person);
    c.account = company;
    c.permissions = domain::PermissionsOfRoles(roles);
    return c;
  }

  domain::Account MustCreateCompany(const domain::Account& admin) {
    auto created = companies_->Create(
        Personal(admin), {kNewCompanyNumber, "  Nieuwe Onderneming BV ", "info@nieuw.example.be"});
    if (!created) throw std::runtime_error(created.error().ToString());
    return *created;
  }

  std::string TokenOf(const CreatedInvitation& created) {
    return created.link.substr(created.link.rfind('/') + 1);
  }

  std::vector<domain::AuditEntry> Audit(const std::string& account_id) {
    auto uow = database_->BeginReadOnly().value();
    AuditQuery q;
    q.account_id = account_id;
    return uow->AuditLog().List(q).value();
  }

  std::vector<OutboxMail> DueMail() {
    auto uow = database_->BeginReadOnly().value();
    return uow->MailOutbox().Due(clock_.Now(), 100).value();
  }

  std::unique_ptr<CompanyAccounts> companies_;
  std::unique_ptr<ManageMembers> members_;
  std::unique_ptr<AcceptInvitation> accept_;
  std::unique_ptr<ManageOperators> operators_;
  domain::Account second_person_;
};

TEST_F(MembersTest, APersonOpensACompanyAccountAndBecomesItsAdmin) {
  const domain::Account company = MustCreateCompany(person_account_);
  EXPECT_EQ(company.kind, domain::AccountKind::kCompany);
  EXPECT_EQ(company.enterprise_number, "0417497106");
  EXPECT_EQ(company.display_name, "Nieuwe Onderneming BV");
  EXPECT_FALSE(company.can_send) << "sending waits for the approved subscription";

  auto mine = companies_->ListMine(Personal(person_account_));
  ASSERT_TRUE(mine.has_value());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).company.id, company.id);
  EXPECT_EQ(mine->at(0).membership.roles, std::vector<Role>{Role::kAdmin});

  auto audit = Audit(company.id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "company.created");
  EXPECT_EQ(audit[0].actor_account_id, person_account_.id);
}

TEST_F(MembersTest, OpeningACompanyIsRefusedForBadInputDuplicatesAndApiKeys) {
  const Caller me = Personal(person_account_);
  EXPECT_EQ(companies_->Create(me, {"0417.497.107", "X", "a@b.be"}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(companies_->Create(me, {kNewCompanyNumber, "", "a@b.be"}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(companies_->Create(me, {kNewCompanyNumber, "X", "not-an-address"}).error().code,
            ErrorCode::kInvalidArgument);
  auto taken = companies_->Create(me, {kSenderEnterprise, "Copycat", "a@b.be"});
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_NE(taken.error().message.find("invite"), std::string::npos);
  EXPECT_EQ(companies_->Create(*sender_, {kNewCompanyNumber, "X", "a@b.be"}).error().code,
            ErrorCode::kPermissionDenied);
  auto mine = companies_->ListMine(me);
  ASSERT_TRUE(mine.has_value());
  EXPECT_TRUE(mine->empty()) << "nothing was created";
}

TEST_F(MembersTest, AnInvitationIsMailedOnceAndJoinsTheSignedInPersonWithItsRoles) {
  const domain::Account company = MustCreateCompany(person_account_);
  const Caller admin = Member(person_account_, company, {Role::kAdmin});
  clock_.Advance(1min);
  auto invited = members_->Invite(admin, " marie@example.be ", "sender,accountant", "nl");
  ASSERT_TRUE(invited.has_value()) << invited.error().ToString();
  EXPECT_EQ(invited->invitation.email, "marie@example.be");
  EXPECT_TRUE(invited->link.starts_with("https://sealpost.test/invitations/"));
  const std::string token = TokenOf(*invited);
  EXPECT_GE(token.size(), 43u) << "256 random bits";

  // The e-mail is in the outbox, in the admin's language, with the link; the database holds only
  // the token's hash.
  auto mail = DueMail();
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].template_name, "invitation");
  EXPECT_EQ(mail[0].to, "marie@example.be");
  EXPECT_EQ(mail[0].locale, "nl");
  auto args = nlohmann::json::parse(mail[0].args_json);
  EXPECT_EQ(args["link"], invited->link);
  EXPECT_EQ(args["company"], "Nieuwe Onderneming BV");
  auto listed = members_->ListInvitations(admin);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->at(0).token_hash.empty());

  auto preview = accept_->Preview(token);
  ASSERT_TRUE(preview.has_value());
  EXPECT_EQ(preview->company_name, "Nieuwe Onderneming BV");
  EXPECT_EQ(preview->status, domain::InvitationStatus::kPending);

  clock_.Advance(1min);
  auto joined = accept_->Accept(Personal(second_person_), token);
  ASSERT_TRUE(joined.has_value()) << joined.error().ToString();
  EXPECT_EQ(joined->roles, (std::vector<Role>{Role::kSender, Role::kAccountant}));
  auto members = members_->List(admin);
  ASSERT_TRUE(members.has_value());
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ(members->at(1).person.display_name, "Marie Janssens");

  // Single use: a second acceptance (anyone's) is refused and changes nothing.
  const domain::Account third = InsertPerson(kThirdNationalNumber, "Third Person");
  auto again = accept_->Accept(Personal(third), token);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(members_->List(admin)->size(), 2u);

  std::vector<std::string> actions;
  for (const auto& e : Audit(company.id)) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"member.joined", "member.invited", "company.created"}));
}

TEST_F(MembersTest, ExpiredRevokedAndUnknownInvitationsAreRefused) {
  const domain::Account company = MustCreateCompany(person_account_);
  const Caller admin = Member(person_account_, company, {Role::kAdmin});
  const std::string expiring = TokenOf(*members_->Invite(admin, "a@example.be", "sender", "fr"));
  const std::string revoked_token =
      TokenOf(*members_->Invite(admin, "b@example.be", "sender", "fr"));
  const std::string revoked_id = members_->ListInvitations(admin)->at(0).id;
  ASSERT_TRUE(members_->RevokeInvitation(admin, revoked_id).has_value());

  auto withdrawn = accept_->Accept(Personal(second_person_), revoked_token);
  ASSERT_FALSE(withdrawn.has_value());
  EXPECT_EQ(withdrawn.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(withdrawn.error().message.find("withdrawn"), std::string::npos);

  clock_.Advance(domain::kInvitationLifetime);
  auto late = accept_->Accept(Personal(second_person_), expiring);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(late.error().message.find("expired"), std::string::npos);

  EXPECT_EQ(accept_->Accept(Personal(second_person_), "not-a-token").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(accept_->Preview("").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accept_->Accept(*sender_, expiring).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(members_->List(admin)->size(), 1u) << "nobody joined";
}

TEST_F(MembersTest, OnlyAdminsManageMembersAndAnotherCompanysInvitationsAreNotFound) {
  const domain::Account company = MustCreateCompany(person_account_);
  const Caller admin = Member(person_account_, company, {Role::kAdmin});
  ASSERT_TRUE(accept_
                  ->Accept(Personal(second_person_),
                           TokenOf(*members_->Invite(admin, "m@example.be", "sender", "en")))
                  .has_value());
  const Caller sender = Member(second_person_, company, {Role::kSender});
  EXPECT_EQ(members_->List(sender).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(members_->Invite(sender, "x@example.be", "admin", "en").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(members_->SetRoles(sender, second_person_.id, "admin").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(members_->Remove(sender, person_account_.id).error().code,
            ErrorCode::kPermissionDenied);
  // An API key of the company never manages members, whatever its scopes.
  EXPECT_EQ(members_->List(*sender_).error().code, ErrorCode::kPermissionDenied);

  // The admin of another company: the invitation id means nothing there.
  const Caller foreign_admin = Member(person_account_, outsider_account_, {Role::kAdmin});
  const std::string pending =
      TokenOf(*members_->Invite(admin, "later@example.be", "accountant", "en"));
  const std::string pending_id = members_->ListInvitations(admin)->at(0).id;
  EXPECT_EQ(members_->RevokeInvitation(foreign_admin, pending_id).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(members_->Remove(foreign_admin, second_person_.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accept_->Preview(pending)->status, domain::InvitationStatus::kPending);
  EXPECT_EQ(members_->List(admin)->size(), 2u);
}

TEST_F(MembersTest, ACompanyAlwaysKeepsAnAdmin) {
  const domain::Account company = MustCreateCompany(person_account_);
  const Caller admin = Member(person_account_, company, {Role::kAdmin});
  auto demote = members_->SetRoles(admin, person_account_.id, "sender");
  ASSERT_FALSE(demote.has_value());
  EXPECT_EQ(demote.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(members_->Remove(admin, person_account_.id).error().code,
            ErrorCode::kFailedPrecondition);

  ASSERT_TRUE(accept_
                  ->Accept(Personal(second_person_),
                           TokenOf(*members_->Invite(admin, "m@example.be", "sender", "de")))
                  .has_value());
  auto promoted = members_->SetRoles(admin, second_person_.id, "admin recipient_handler");
  ASSERT_TRUE(promoted.has_value()) << promoted.error().ToString();
  EXPECT_EQ(promoted->roles, (std::vector<Role>{Role::kAdmin, Role::kRecipientHandler}));
  // With a second admin, the first may step down.
  ASSERT_TRUE(members_->SetRoles(admin, person_account_.id, "sender").has_value());
  EXPECT_EQ(members_->SetRoles(admin, person_account_.id, "superuser").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(members_->SetRoles(admin, person_account_.id, "").error().code,
            ErrorCode::kInvalidArgument);
  const Caller new_admin = Member(second_person_, company, {Role::kAdmin});
  ASSERT_TRUE(members_->Remove(new_admin, person_account_.id).has_value());
  EXPECT_EQ(members_->Remove(new_admin, person_account_.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(members_->List(new_admin)->size(), 1u);
}

TEST_F(MembersTest, RolesDecideWhatAMemberMayDoForTheCompany) {
  // Role → permission table (PRODUCT §1).
  using P = domain::Permissions;
  EXPECT_EQ(domain::PermissionsOfRoles({Role::kSender}), (P{Permission::kSend, Permission::kRead}));
  EXPECT_EQ(domain::PermissionsOfRoles({Role::kRecipientHandler}), P{Permission::kInbox});
  EXPECT_EQ(domain::PermissionsOfRoles({Role::kAccountant}), P{Permission::kBilling});
  for (Permission p : domain::kAllPermissions) {
    EXPECT_TRUE(domain::PermissionsOfRoles({Role::kAdmin}).Has(p)) << domain::PermissionName(p);
  }

  // An accountant of the sending company cannot send or read its items; a sender can.
  const Caller accountant = Member(second_person_, sender_account_, {Role::kAccountant});
  auto refused = submit_->Execute(accountant, Request({RecipientCompany()}));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  const Caller sender = Member(second_person_, sender_account_, {Role::kSender});
  SubmittedItem item = MustSubmit(sender, Request({RecipientCompany()}));
  EXPECT_EQ(item.item.sender_account_id, sender_account_.id);
  EXPECT_EQ(queries_->GetItem(accountant, item.item.id).error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(queries_->GetItem(sender, item.item.id).has_value());

  // Only a recipient handler of the recipient company takes the item over.
  const Caller recipient_sender = Member(second_person_, recipient_account_, {Role::kSender});
  EXPECT_EQ(hand_over_->Execute(recipient_sender, item.deliveries[0].id).error().code,
            ErrorCode::kPermissionDenied);
  const Caller handler = Member(second_person_, recipient_account_, {Role::kRecipientHandler});
  ASSERT_TRUE(hand_over_->Execute(handler, item.deliveries[0].id).has_value());
  // The proof of receipt names the company and the member who opened it.
  const auto proof = StoredEvidence(item.item.id).back();
  EXPECT_EQ(proof.event, domain::EvidenceEvent::kContentHandover);
  EXPECT_NE(proof.sealed_xml.find("Destinataire Test BV (Marie Janssens)"), std::string::npos);
}

TEST_F(MembersTest, ASessionActsForACompanyOnlyWhileItsPersonIsAMember) {
  sealpost::testing::ScriptedIdentityProvider provider("itsme", clock_);
  VerifiedIdentity id;
  id.provider_id = "itsme";
  id.issuer = "https://idp.test";
  id.subject = "s-1";
  id.national_number = kPersonNationalNumber;
  id.given_names = "Émile";
  id.family_name = "Dupont-Lefèvre";
  id.acr = "high";
  id.assurance_level = "http://eidas.europa.eu/LoA/high";
  id.authentication_time = clock_.Now();
  provider.Script("good", id);
  auto started = sessions_->StartSession("nl").value();
  auto pending = sessions_->BeginSignIn(started.cookie, provider, "https://sealpost.test/cb");
  ASSERT_TRUE(pending.has_value());
  auto signed_in = sessions_->CompleteSignIn(started.cookie, pending->state, "good", provider);
  ASSERT_TRUE(signed_in.has_value()) << signed_in.error().ToString();
  ASSERT_EQ(signed_in->account.id, person_account_.id);
  const std::string cookie = signed_in->cookie;

  const domain::Account company = MustCreateCompany(person_account_);
  // Not a member of the sending company: acting for it is refused like an unknown account.
  EXPECT_EQ(sessions_->ActAs(cookie, sender_account_.id).error().code, ErrorCode::kNotFound);

  auto acting = sessions_->ActAs(cookie, company.id);
  ASSERT_TRUE(acting.has_value()) << acting.error().ToString();
  auto caller = sessions_->CallerFor(*acting);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->account.id, company.id);
  EXPECT_EQ(caller->person_account_id, person_account_.id);
  EXPECT_TRUE(caller->Can(Permission::kManageMembers));
  EXPECT_FALSE(caller->is_operator);

  // Granted operator from the command line: visible on the next request.
  EXPECT_EQ(operators_->Grant("00.01.01-001.23", "command-line:root").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(operators_->Grant("86.07.30-033.49", "command-line:root").error().code,
            ErrorCode::kNotFound)
      << "unknown person";
  ASSERT_TRUE(operators_->Grant(kPersonNationalNumber, "command-line:root").has_value());
  ASSERT_TRUE(operators_->Grant(kPersonNationalNumber, "command-line:root").has_value());
  EXPECT_EQ(operators_->List()->size(), 1u);
  EXPECT_TRUE(sessions_->CallerFor(*acting)->is_operator);

  // Removed by another admin: the session falls back to the person's own account at once.
  const Caller admin = Member(person_account_, company, {Role::kAdmin});
  ASSERT_TRUE(accept_
                  ->Accept(Personal(second_person_),
                           TokenOf(*members_->Invite(admin, "m@example.be", "admin", "nl")))
                  .has_value());
  ASSERT_TRUE(members_->Remove(Member(second_person_, company, {Role::kAdmin}), person_account_.id)
                  .has_value());
  auto after = sessions_->CallerFor(*acting);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->account.id, person_account_.id);
  EXPECT_EQ(after->permissions, domain::PersonalAccountPermissions());

  ASSERT_TRUE(operators_->Revoke(kPersonNationalNumber, "command-line:root").has_value());
  EXPECT_FALSE(sessions_->CallerFor(*acting)->is_operator);
  EXPECT_EQ(operators_->Revoke(kPersonNationalNumber, "command-line:root").error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sealpost::app
