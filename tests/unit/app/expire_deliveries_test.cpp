// ExpireDeliveries against the real adapters, driven by the FakeClock: a registered recipient who
// never opens the item gets a sealed ContentHandoverFailure at the deadline, not before and not
// twice.
#include <gtest/gtest.h>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using domain::DeliveryState;
using domain::EvidenceEvent;

class ExpireDeliveriesTest : public AppFixture {};

TEST_F(ExpireDeliveriesTest, NothingIsClosedBeforeTheDeadline) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const common::TimePoint deadline = *submitted.deliveries[0].deadline;
  const std::int64_t before = LogSize();

  clock_.Set(deadline - std::chrono::microseconds(1));
  auto closed = expire_->RunOnce();
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  EXPECT_EQ(*closed, 0u);
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredDelivery(submitted.deliveries[0].id)->state, DeliveryState::kNotified);
}

TEST_F(ExpireDeliveriesTest, PastTheHandoverPeriodTheDeliveryFailsWithRE02) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany(), Unregistered()}));
  const std::string delivery_id = submitted.deliveries[0].id;
  const std::int64_t before = LogSize();

  clock_.Advance(settings_.handover_period + std::chrono::seconds(1));
  auto closed = expire_->RunOnce();
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  // Both periods are 15 days: the unregistered recipient's acceptance period ends too.
  EXPECT_EQ(*closed, 2u);
  EXPECT_EQ(LogSize(), before + 2);

  auto stored = StoredDelivery(delivery_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->state, DeliveryState::kHandoverFailed);
  EXPECT_EQ(stored->state_changed_at, clock_.Now());
  EXPECT_FALSE(stored->deadline.has_value());
  EXPECT_EQ(StoredDelivery(submitted.deliveries[1].id)->state, DeliveryState::kExpired);

  auto evidence = StoredEvidence(submitted.item.id);
  ASSERT_FALSE(evidence.empty());
  std::optional<domain::EvidenceRecord> expired;
  for (const auto& e : evidence) {
    if (e.delivery_id == submitted.deliveries[1].id) expired = e;
  }
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->event, EvidenceEvent::kAcceptanceRejectionExpiry);
  EXPECT_EQ(expired->reason_code, "RC09");
  std::optional<domain::EvidenceRecord> failed;
  for (const auto& e : evidence) {
    if (e.delivery_id == delivery_id) failed = e;
  }
  ASSERT_TRUE(failed.has_value());
  const auto& last = *failed;
  EXPECT_EQ(last.event, EvidenceEvent::kContentHandoverFailure);
  EXPECT_EQ(last.reason_code, "RE02");
  EXPECT_GE(last.leaf_index, before);
  auto report = VerifySealed(last.sealed_xml);
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.summary.event_name, "ContentHandoverFailure");
  EXPECT_EQ(report.summary.reason_code, "RE02");
  EXPECT_EQ(report.summary.recipient_name, recipient_account_.display_name);

  // The content is no longer available to the recipient.
  auto late = hand_over_->Execute(*recipient_, delivery_id);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, common::ErrorCode::kFailedPrecondition);

  // A second pass finds nothing more to do.
  clock_.Advance(std::chrono::hours(1));
  auto again = expire_->RunOnce();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0u);
  EXPECT_EQ(LogSize(), before + 2);
}

TEST_F(ExpireDeliveriesTest, FailureEvidenceNamesTheRecipientAsConsigned) {
  // The sender's own wording of the name; the enterprise number decides who the recipient is.
  domain::Recipient r = RecipientCompany();
  r.name = "Destinataire";
  SubmittedItem submitted = MustSubmit(*sender_, Request({r}));
  clock_.Advance(settings_.handover_period + std::chrono::seconds(1));
  ASSERT_TRUE(expire_->RunOnce().has_value());

  auto evidence = StoredEvidence(submitted.item.id);
  ASSERT_EQ(evidence.size(), 4u);
  const auto consignment = VerifySealed(evidence[1].sealed_xml);
  const auto failure = VerifySealed(evidence[3].sealed_xml);
  ASSERT_EQ(evidence[3].event, EvidenceEvent::kContentHandoverFailure);
  EXPECT_EQ(consignment.summary.recipient_name, recipient_account_.display_name);
  EXPECT_EQ(failure.summary.recipient_name, consignment.summary.recipient_name)
      << "the proof of non-receipt names someone else than the proof of consignment";
}

TEST_F(ExpireDeliveriesTest, ExactlyAtTheDeadlineTheDeliveryFails) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  clock_.Set(*submitted.deliveries[0].deadline);
  auto closed = expire_->RunOnce();
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(*closed, 1u);
}

TEST_F(ExpireDeliveriesTest, DeliveryHandedOverJustBeforeIsNotTouched) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany(), RecipientPerson()}));
  const common::TimePoint deadline = *submitted.deliveries[0].deadline;

  clock_.Set(deadline - std::chrono::seconds(1));
  ASSERT_TRUE(hand_over_->Execute(*recipient_, submitted.deliveries[0].id).has_value());
  const std::int64_t before = LogSize();

  clock_.Set(deadline + std::chrono::seconds(1));
  auto closed = expire_->RunOnce();
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(*closed, 1u) << "only the person's delivery is due";
  EXPECT_EQ(LogSize(), before + 1);
  EXPECT_EQ(StoredDelivery(submitted.deliveries[0].id)->state, DeliveryState::kHandedOver);
  EXPECT_EQ(StoredDelivery(submitted.deliveries[1].id)->state, DeliveryState::kHandoverFailed);

  std::size_t failures = 0;
  for (const auto& r : StoredEvidence(submitted.item.id)) {
    if (r.event == EvidenceEvent::kContentHandoverFailure) {
      ++failures;
      EXPECT_EQ(r.delivery_id, submitted.deliveries[1].id);
    }
  }
  EXPECT_EQ(failures, 1u);
}

TEST_F(ExpireDeliveriesTest, BatchLimitIsRespectedAndTheRestFollows) {
  for (int i = 0; i < 3; ++i) MustSubmit(*sender_, Request({RecipientCompany()}));
  clock_.Advance(settings_.handover_period + std::chrono::hours(1));
  auto first = expire_->RunOnce(2);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, 2u);
  auto second = expire_->RunOnce(2);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, 1u);
  auto third = expire_->RunOnce(2);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(*third, 0u);
}

}  // namespace
}  // namespace sealpost::app
