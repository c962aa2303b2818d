// Procedure B of PRODUCT §4.2 end to end on the real adapters: the notification's single-use link,
// acceptance (optionally registering for the future) and refusal by the identified recipient,
// identity mismatches, reminders on days 3, 7 and 13, expiry at the deadline, a bounced
// notification — each outcome sealed, logged and told to the sender.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/usecases/recipient_decision.hpp"
#include "app/usecases/send_reminders.hpp"
#include "domain/membership.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using common::ErrorCode;
using domain::DeliveryState;
using domain::EvidenceEvent;

constexpr const char* kNobodyNationalNumber = "90010100123";

class RecipientProceduresTest : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    decision_ = std::make_unique<RecipientDecision>(
        *database_, *log_, clock_, random_, settings_.handover_period, settings_.public_base_url);
    reminders_ = std::make_unique<SendReminders>(
        *database_, *cipher_, clock_, random_, settings_.reminder_days, settings_.public_base_url);
    nobody_.id = common::NewUuid(random_);
    nobody_.kind = domain::AccountKind::kPerson;
    nobody_.display_name = "Nobody Known";
    nobody_.national_number = kNobodyNationalNumber;
    nobody_.assurance_level = "http://eidas.europa.eu/LoA/high";
    nobody_.authentication_method = "itsme";
    nobody_.created_at = clock_.Now();
    auto uow = database_->Begin().value();
    EXPECT_TRUE(uow->Accounts().Insert(nobody_).has_value());
    EXPECT_TRUE(uow->Commit().has_value());
  }

  // `person` signed in on the web, acting for `acting` (their own account by default).
  Caller Signed(const domain::Account& person, const domain::Account* acting = nullptr,
                domain::Permissions permissions = domain::PersonalAccountPermissions()) {
    Caller c;
    c.account = acting != nullptr ? *acting : person;
    c.person_account_id = person.id;
    c.person_name = person.display_name;
    c.credential_id = std::string(64, 'c');
    c.permissions = permissions;
    c.authentication_method = "itsme";
    c.authenticated_at = clock_.Now();
    return c;
  }

  std::string TokenOf(const std::string& delivery_id) {
    for (const auto& m : sent_) {
      if (m.delivery_id == delivery_id && m.template_name == "item_notification") {
        const std::string link = nlohmann::json::parse(m.args_json)["link"];
        return link.substr(link.rfind('/') + 1);
      }
    }
    ADD_FAILURE() << "no notification for " << delivery_id;
    return {};
  }

  // Submits to `recipient`, lets the mail job take the notification over (kept in sent_ so that
  // tests can follow its link) and returns the delivery as stored and its link's token.
  std::pair<domain::Delivery, std::string> SubmitAndNotify(domain::Recipient recipient) {
    auto outcome = submit_->Execute(*sender_, Request({std::move(recipient)}));
    if (!outcome) throw std::runtime_error(outcome.error().ToString());
    const auto& submitted = std::get<SubmittedItem>(*outcome);
    for (auto& m : DeliverQueuedMail()) sent_.push_back(m);
    last_item_ = submitted.item.id;
    return {*StoredDelivery(submitted.deliveries[0].id), TokenOf(submitted.deliveries[0].id)};
  }

  std::vector<OutboxMail> QueuedMail() {
    auto uow = database_->BeginReadOnly().value();
    return uow->MailOutbox().Due(clock_.Now(), 1000).value();
  }

  std::vector<EvidenceEvent> EventsOfDelivery(const std::string& item_id,
                                              const std::string& delivery_id) {
    std::vector<EvidenceEvent> out;
    for (const auto& e : StoredEvidence(item_id)) {
      if (e.delivery_id == delivery_id) out.push_back(e.event);
    }
    return out;
  }

  std::unique_ptr<RecipientDecision> decision_;
  std::unique_ptr<SendReminders> reminders_;
  domain::Account nobody_;
  std::vector<OutboxMail> sent_;
  std::string last_item_;
};

TEST_F(RecipientProceduresTest, TheNamedRecipientAcceptsOpensAndTheSenderIsTold) {
  auto [delivery, token] = SubmitAndNotify(Unregistered());
  ASSERT_EQ(delivery.state, DeliveryState::kAwaitingAcceptance);

  auto preview = decision_->Preview(token);
  ASSERT_TRUE(preview.has_value()) << preview.error().ToString();
  EXPECT_EQ(preview->sender_name, sender_account_.display_name);
  EXPECT_TRUE(preview->can_decide);
  EXPECT_EQ(preview->deadline, delivery.deadline);

  clock_.Advance(std::chrono::hours(2));
  auto accepted = decision_->Accept(Signed(nobody_), token, /*register_for_future=*/false);
  ASSERT_TRUE(accepted.has_value()) << accepted.error().ToString();
  EXPECT_EQ(accepted->state, DeliveryState::kConsignmentAccepted);
  EXPECT_EQ(accepted->recipient_account_id, nobody_.id);
  EXPECT_EQ(accepted->deadline, clock_.Now() + settings_.handover_period);

  // The acceptance evidence names the identified person, with the national number.
  auto evidence = StoredEvidence(last_item_);
  const auto& acceptance = evidence.back();
  EXPECT_EQ(acceptance.event, EvidenceEvent::kConsignmentAcceptance);
  auto report = VerifySealed(acceptance.sealed_xml);
  EXPECT_TRUE(report.ok);
  EXPECT_NE(acceptance.sealed_xml.find(kNobodyNationalNumber), std::string::npos);

  // Opening it is the proof of receipt.
  Caller reader = Signed(nobody_);
  auto content = hand_over_->Execute(reader, delivery.id);
  ASSERT_TRUE(content.has_value()) << content.error().ToString();
  EXPECT_EQ(EventsOfDelivery(last_item_, delivery.id),
            (std::vector<EvidenceEvent>{
                EvidenceEvent::kSubmissionAcceptance, EvidenceEvent::kNotificationForAcceptance,
                EvidenceEvent::kConsignmentAcceptance, EvidenceEvent::kContentHandover}));

  // The sender was told of both, in the item's language, with a link to the item.
  std::vector<std::string> events;
  for (const auto& m : QueuedMail()) {
    if (m.template_name != "sender_event") continue;
    EXPECT_EQ(m.to, sender_account_.email);
    auto args = nlohmann::json::parse(m.args_json);
    EXPECT_EQ(args["link"], settings_.public_base_url + "/outbox/" + last_item_);
    events.push_back(args["event"]);
  }
  EXPECT_EQ(events, (std::vector<std::string>{"accepted", "handed_over"}));

  // The link decides once.
  auto again = decision_->Refuse(Signed(nobody_), token);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(decision_->Preview(token)->can_decide);
}

TEST_F(RecipientProceduresTest, RefusalIsSealedAndTheContentStaysClosed) {
  auto [delivery, token] = SubmitAndNotify(Unregistered());
  auto refused = decision_->Refuse(Signed(nobody_), token);
  ASSERT_TRUE(refused.has_value()) << refused.error().ToString();
  EXPECT_EQ(refused->state, DeliveryState::kRefused);
  auto last = StoredEvidence(last_item_).back();
  EXPECT_EQ(last.event, EvidenceEvent::kConsignmentRejection);
  EXPECT_EQ(last.reason_code, "RC08");
  auto content = hand_over_->Execute(Signed(nobody_), delivery.id);
  ASSERT_FALSE(content.has_value());
  auto late = decision_->Accept(Signed(nobody_), token, false);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(RecipientProceduresTest, SomeoneElseIsRefusedRecordedAndTheItemStaysPending) {
  domain::Recipient named = Unregistered();
  named.national_number = kNobodyNationalNumber;
  auto [delivery, token] = SubmitAndNotify(named);
  const std::int64_t before = LogSize();
  // Émile (another national number) holds the link.
  auto wrong = decision_->Accept(Signed(person_account_), token, false);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(wrong.error().message.find("national register number"), std::string::npos);
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredDelivery(delivery.id)->state, DeliveryState::kAwaitingAcceptance);
  auto uow = database_->BeginReadOnly().value();  // held open while the person decides below
  AuditQuery q;
  q.account_id = sender_account_.id;
  auto audit = uow->AuditLog().List(q).value();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0].action, "delivery.identity_mismatch");
  EXPECT_EQ(audit[0].actor_account_id, person_account_.id);
  // An API key never decides; an unknown link is not found.
  EXPECT_EQ(decision_->Accept(*recipient_, token, false).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(decision_->Preview("guessed-token").error().code, ErrorCode::kNotFound);
  // The right person still can.
  EXPECT_TRUE(decision_->Accept(Signed(nobody_), token, false).has_value());
}

TEST_F(RecipientProceduresTest, ACompanyRecipientDecidesThroughARecipientHandler) {
  // Outsider Test SRL is not a registered recipient: procedure B, by enterprise number.
  domain::Recipient company{"legal@outsider.example.be", "Outsider Test SRL", kOutsiderEnterprise,
                            "", ""};
  auto [delivery, token] = SubmitAndNotify(company);
  ASSERT_EQ(delivery.state, DeliveryState::kAwaitingAcceptance);
  // For themselves, or for the company without the role: refused.
  EXPECT_EQ(decision_->Accept(Signed(nobody_), token, false).error().code,
            ErrorCode::kPermissionDenied);
  Caller accountant =
      Signed(nobody_, &outsider_account_, domain::PermissionsOfRoles({domain::Role::kAccountant}));
  auto no_role = decision_->Accept(accountant, token, false);
  ASSERT_FALSE(no_role.has_value());
  EXPECT_NE(no_role.error().message.find("recipient handler"), std::string::npos);
  Caller handler = Signed(nobody_, &outsider_account_,
                          domain::PermissionsOfRoles({domain::Role::kRecipientHandler}));
  auto accepted = decision_->Accept(handler, token, /*register_for_future=*/true);
  ASSERT_TRUE(accepted.has_value()) << accepted.error().ToString();
  EXPECT_EQ(accepted->recipient_account_id, outsider_account_.id);
  // Registered in the same step: the company's next item goes straight to its inbox.
  SubmittedItem next = MustSubmit(*sender_, Request({company}));
  EXPECT_EQ(next.deliveries[0].recipient_account_id, outsider_account_.id);
  EXPECT_EQ(next.deliveries[0].state, DeliveryState::kNotified);
}

TEST_F(RecipientProceduresTest, RemindersOnDays3_7And13ThenExpiry) {
  auto [delivery, token] = SubmitAndNotify(Unregistered());
  const common::TimePoint submitted = StoredItem(last_item_)->submitted_at;
  auto reminders_at = [&](int day) {
    clock_.Set(submitted + std::chrono::days(day));
    auto queued = reminders_->RunOnce();
    EXPECT_TRUE(queued.has_value());
    return queued ? *queued : 0;
  };
  EXPECT_EQ(reminders_at(2), 0u);
  EXPECT_EQ(reminders_at(3), 1u);
  EXPECT_EQ(reminders_at(3), 0u) << "once";
  EXPECT_EQ(reminders_at(7), 1u);
  EXPECT_EQ(reminders_at(13), 1u);
  EXPECT_EQ(reminders_at(14), 0u);
  std::vector<std::int64_t> days_left;
  for (const auto& m : QueuedMail()) {
    if (m.template_name != "item_reminder") continue;
    auto args = nlohmann::json::parse(m.args_json);
    const std::string link = args["link"];
    EXPECT_EQ(link.substr(link.rfind('/') + 1), token) << "the same link as the notification";
    days_left.push_back(args["days_left"]);
  }
  EXPECT_EQ(days_left, (std::vector<std::int64_t>{12, 8, 2}));

  clock_.Set(*delivery.deadline);
  auto closed = expire_->RunOnce();
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(*closed, 1u);
  EXPECT_EQ(StoredDelivery(delivery.id)->state, DeliveryState::kExpired);
  EXPECT_EQ(StoredEvidence(last_item_).back().reason_code, "RC09");
  auto late = decision_->Accept(Signed(nobody_), token, false);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(RecipientProceduresTest, ABouncedNotificationIsAFailureEvidenceToldToTheSender) {
  auto outcome = submit_->Execute(*sender_, Request({Unregistered("bounce@example.org")}));
  ASSERT_TRUE(outcome.has_value());
  const auto& submitted = std::get<SubmittedItem>(*outcome);
  auto queued = QueuedMail();
  ASSERT_EQ(queued.size(), 1u);
  ASSERT_TRUE(record_notification_
                  ->Failed(queued[0], {ErrorCode::kFailedPrecondition, "550 no such user", ""})
                  .has_value());
  auto d = StoredDelivery(submitted.deliveries[0].id);
  EXPECT_EQ(d->state, DeliveryState::kNotificationFailed);
  EXPECT_FALSE(d->deadline.has_value());
  auto last = StoredEvidence(submitted.item.id).back();
  EXPECT_EQ(last.event, EvidenceEvent::kNotificationForAcceptanceFailure);
  EXPECT_EQ(last.reason_code, "RC02");
  bool told = false;
  for (const auto& m : QueuedMail()) {
    if (m.template_name == "sender_event" &&
        nlohmann::json::parse(m.args_json)["event"] == "notification_failed") {
      told = true;
    }
  }
  EXPECT_TRUE(told);
}

}  // namespace
}  // namespace sealpost::app
