#include "domain/delivery_state.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sealpost::domain {
namespace {

using E = EvidenceEvent;
using S = DeliveryState;

S ApplyAll(std::vector<E> events) {
  std::optional<S> state;
  for (E e : events) {
    auto next = NextState(state, e);
    EXPECT_TRUE(next.has_value()) << EventName(e) << ": " << next.error().message;
    if (!next) return S::kAccepted;
    state = *next;
  }
  return *state;
}

TEST(DeliveryState, RegisteredRecipientProcedureEndsInHandover) {
  EXPECT_EQ(ApplyAll({E::kSubmissionAcceptance, E::kContentConsignment, E::kConsignmentNotification,
                      E::kContentHandover}),
            S::kHandedOver);
  EXPECT_EQ(ApplyAll({E::kSubmissionAcceptance, E::kContentConsignment, E::kConsignmentNotification,
                      E::kContentHandoverFailure}),
            S::kHandoverFailed);
}

TEST(DeliveryState, UnregisteredRecipientProcedure) {
  EXPECT_EQ(ApplyAll({E::kSubmissionAcceptance, E::kNotificationForAcceptance,
                      E::kConsignmentAcceptance, E::kContentHandover}),
            S::kHandedOver);
  EXPECT_EQ(
      ApplyAll({E::kSubmissionAcceptance, E::kNotificationForAcceptance, E::kConsignmentRejection}),
      S::kRefused);
  EXPECT_EQ(ApplyAll({E::kSubmissionAcceptance, E::kNotificationForAcceptance,
                      E::kAcceptanceRejectionExpiry}),
            S::kExpired);
  EXPECT_EQ(ApplyAll({E::kSubmissionAcceptance, E::kNotificationForAcceptanceFailure}),
            S::kNotificationFailed);
}

TEST(DeliveryState, EveryDeliveryStartsWithSubmissionAcceptance) {
  for (E e : {E::kContentHandover, E::kContentConsignment, E::kSubmissionRejection}) {
    auto next = NextState(std::nullopt, e);
    ASSERT_FALSE(next.has_value());
    EXPECT_EQ(next.error().code, common::ErrorCode::kFailedPrecondition);
  }
}

TEST(DeliveryState, FinalStatesAcceptNoFurtherEvent) {
  const std::vector<E> all = {E::kSubmissionAcceptance,      E::kSubmissionRejection,
                              E::kNotificationForAcceptance, E::kNotificationForAcceptanceFailure,
                              E::kConsignmentAcceptance,     E::kConsignmentRejection,
                              E::kAcceptanceRejectionExpiry, E::kContentConsignment,
                              E::kConsignmentNotification,   E::kContentHandover,
                              E::kContentHandoverFailure,    E::kRelayToNonErds,
                              E::kRelayToNonErdsFailure};
  for (S final_state : {S::kHandedOver, S::kHandoverFailed, S::kRefused, S::kExpired,
                        S::kRelayedToPost, S::kNotificationFailed}) {
    ASSERT_TRUE(IsFinal(final_state));
    for (E e : all) {
      EXPECT_FALSE(NextState(final_state, e).has_value())
          << StateName(final_state) << " accepted " << EventName(e);
    }
  }
}

TEST(DeliveryState, ContentIsNotAvailableBeforeAcceptanceOrConsignment) {
  EXPECT_FALSE(ContentAvailable(S::kAccepted));
  EXPECT_FALSE(ContentAvailable(S::kAwaitingAcceptance));
  EXPECT_FALSE(ContentAvailable(S::kRefused));
  EXPECT_TRUE(ContentAvailable(S::kConsigned));
  EXPECT_TRUE(ContentAvailable(S::kConsignmentAccepted));
  // Handover cannot skip acceptance in procedure B.
  EXPECT_FALSE(NextState(S::kAwaitingAcceptance, E::kContentHandover).has_value());
}

TEST(DeliveryState, NamesRoundTrip) {
  for (S s : {S::kAccepted, S::kAwaitingAcceptance, S::kNotificationFailed, S::kConsignmentAccepted,
              S::kRefused, S::kExpired, S::kConsigned, S::kNotified, S::kHandedOver,
              S::kHandoverFailed, S::kRelayedToPost, S::kRelayFailed}) {
    EXPECT_EQ(StateFromName(StateName(s)), s);
  }
  EXPECT_FALSE(StateFromName("delivered").has_value());
}

TEST(EvidenceEvent, NamesAndUrisFollowEn319522) {
  EXPECT_EQ(EventUri(E::kContentHandover), "http://uri.etsi.org/19522/Event/ContentHandover");
  EXPECT_EQ(EventName(E::kRelayToNonErds), "RelayToNonERDS");
  EXPECT_EQ(EventFromName("http://uri.etsi.org/19522/Event/SubmissionRejection"),
            E::kSubmissionRejection);
  EXPECT_TRUE(IsNegative(E::kSubmissionRejection));
  EXPECT_FALSE(IsNegative(E::kContentHandover));
}

}  // namespace
}  // namespace sealpost::domain
