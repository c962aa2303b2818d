#include "domain/subscription_request_state.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace sealpost::domain {
namespace {

using E = SubscriptionEvent;
using S = SubscriptionState;
using namespace std::chrono_literals;

const common::TimePoint kT0 = common::TimePoint{} + 1'700'000'000s;

SubscriptionRequest DraftWithRepresentative() {
  SubscriptionRequest r;
  r.id = "req-1";
  r.state = S::kDraft;
  r.representatives.push_back(LegalRepresentative{"Jan Peeters", "85073003328"});
  r.created_at = r.updated_at = kT0;
  return r;
}

void AddDocument(SubscriptionRequest& r, SubscriptionDocumentKind kind) {
  r.documents.push_back(SubscriptionDocument{"doc-" + std::to_string(r.documents.size()), kind,
                                             "file.pdf", "application/pdf", "00", 10, kT0});
}

SubscriptionEventContext At(common::TimePoint at, std::string_view actor = "user-1",
                            std::string_view reason = {}) {
  return SubscriptionEventContext{at, actor, reason};
}

TEST(SubscriptionState, ElectronicPathGoesFromDraftToApproved) {
  SubscriptionRequest r = DraftWithRepresentative();
  AddDocument(r, SubscriptionDocumentKind::kSignedForm);
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kSubmitElectronically, At(kT0 + 1h)));
  EXPECT_EQ(r.state, S::kSubmitted);
  EXPECT_EQ(r.submitted_at, kT0 + 1h);
  EXPECT_TRUE(IsUnderReview(r.state));
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kApprove, At(kT0 + 2h, "operator-7")));
  EXPECT_EQ(r.state, S::kApproved);
  EXPECT_EQ(r.reviewed_by, "operator-7");
  EXPECT_EQ(r.decided_at, kT0 + 2h);
  EXPECT_EQ(r.updated_at, kT0 + 2h);
}

TEST(SubscriptionState, PaperPathWaitsForTheOperatorsScan) {
  SubscriptionRequest r = DraftWithRepresentative();
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kChoosePaperPath, At(kT0)));
  EXPECT_EQ(r.state, S::kAwaitingPaper);
  EXPECT_EQ(r.path, SubscriptionPath::kPaper);
  EXPECT_FALSE(r.submitted_at.has_value());

  auto without_scan = ApplySubscriptionEvent(r, E::kRecordPaperReceipt, At(kT0, "operator-7"));
  ASSERT_FALSE(without_scan);
  EXPECT_EQ(without_scan.error().reason, "subscription_no_paper_scan");
  EXPECT_EQ(r.state, S::kAwaitingPaper);

  AddDocument(r, SubscriptionDocumentKind::kPaperScan);
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kRecordPaperReceipt, At(kT0 + 24h, "operator-7")));
  EXPECT_EQ(r.state, S::kSubmitted);
  EXPECT_EQ(r.submitted_at, kT0 + 24h);
}

TEST(SubscriptionState, ElectronicSubmissionNeedsTheSignedForm) {
  SubscriptionRequest r = DraftWithRepresentative();
  AddDocument(r, SubscriptionDocumentKind::kKboExtract);
  auto result = ApplySubscriptionEvent(r, E::kSubmitElectronically, At(kT0));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, common::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(result.error().reason, "subscription_no_signed_form");
  EXPECT_EQ(r.state, S::kDraft);
}

TEST(SubscriptionState, SubmissionNeedsARepresentative) {
  SubscriptionRequest r = DraftWithRepresentative();
  r.representatives.clear();
  AddDocument(r, SubscriptionDocumentKind::kSignedForm);
  EXPECT_EQ(ApplySubscriptionEvent(r, E::kSubmitElectronically, At(kT0)).error().reason,
            "subscription_no_representative");
  EXPECT_EQ(ApplySubscriptionEvent(r, E::kChoosePaperPath, At(kT0)).error().reason,
            "subscription_no_representative");
}

TEST(SubscriptionState, RefusalNeedsAReasonAndCanBeCorrectedAndResubmitted) {
  SubscriptionRequest r = DraftWithRepresentative();
  AddDocument(r, SubscriptionDocumentKind::kSignedForm);
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kSubmitElectronically, At(kT0)));

  auto blank = ApplySubscriptionEvent(r, E::kRefuse, At(kT0, "operator-7", "  "));
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().reason, "subscription_refusal_reason_missing");
  EXPECT_EQ(r.state, S::kSubmitted);

  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kRefuse,
                                     At(kT0 + 1h, "operator-7", "The signer is not in the KBO")));
  EXPECT_EQ(r.state, S::kRefused);
  EXPECT_EQ(r.refusal_reason, "The signer is not in the KBO");
  EXPECT_FALSE(IsUnderReview(r.state));

  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kReopen, At(kT0 + 2h)));
  EXPECT_EQ(r.state, S::kDraft);
  EXPECT_TRUE(IsEditable(r.state));
  EXPECT_FALSE(r.submitted_at.has_value());
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kSubmitElectronically, At(kT0 + 3h)));
  EXPECT_EQ(r.state, S::kSubmitted);
}

TEST(SubscriptionState, DecisionsNeedTheOperator) {
  SubscriptionRequest r = DraftWithRepresentative();
  AddDocument(r, SubscriptionDocumentKind::kSignedForm);
  ASSERT_TRUE(ApplySubscriptionEvent(r, E::kSubmitElectronically, At(kT0)));
  EXPECT_FALSE(ApplySubscriptionEvent(r, E::kApprove, At(kT0, "")));
  EXPECT_EQ(r.state, S::kSubmitted);
}

TEST(SubscriptionState, ForbiddenTransitionsAreRefusedWithTheirNames) {
  struct Case {
    S from;
    E event;
  };
  const Case forbidden[] = {
      {S::kDraft, E::kApprove},
      {S::kDraft, E::kRefuse},
      {S::kDraft, E::kRecordPaperReceipt},
      {S::kDraft, E::kReopen},
      {S::kAwaitingPaper, E::kApprove},
      {S::kAwaitingPaper, E::kSubmitElectronically},
      {S::kSubmitted, E::kSubmitElectronically},
      {S::kSubmitted, E::kChoosePaperPath},
      {S::kSubmitted, E::kReopen},
      {S::kApproved, E::kRefuse},
      {S::kApproved, E::kReopen},
      {S::kRefused, E::kApprove},
      {S::kRefused, E::kSubmitElectronically},
  };
  for (const Case& c : forbidden) {
    auto next = NextSubscriptionState(c.from, c.event);
    ASSERT_FALSE(next) << SubscriptionStateName(c.from) << " + " << SubscriptionEventName(c.event);
    EXPECT_EQ(next.error().code, common::ErrorCode::kFailedPrecondition);
    EXPECT_NE(next.error().message.find(SubscriptionStateName(c.from)), std::string::npos);
    EXPECT_NE(next.error().message.find(SubscriptionEventName(c.event)), std::string::npos);
  }
}

TEST(SubscriptionState, ApprovedIsFinal) {
  for (E e : {E::kSubmitElectronically, E::kChoosePaperPath, E::kRecordPaperReceipt, E::kApprove,
              E::kRefuse, E::kReopen}) {
    EXPECT_FALSE(NextSubscriptionState(S::kApproved, e)) << SubscriptionEventName(e);
  }
}

TEST(SubscriptionState, NamesRoundTrip) {
  for (S s : {S::kDraft, S::kAwaitingPaper, S::kSubmitted, S::kApproved, S::kRefused}) {
    EXPECT_EQ(SubscriptionStateFromName(SubscriptionStateName(s)), s);
  }
  EXPECT_EQ(SubscriptionStateName(S::kAwaitingPaper), "awaiting_paper");
  EXPECT_FALSE(SubscriptionStateFromName("pending"));
  for (auto k : {SubscriptionDocumentKind::kSignedForm, SubscriptionDocumentKind::kKboExtract,
                 SubscriptionDocumentKind::kGazette, SubscriptionDocumentKind::kPowerOfAttorney,
                 SubscriptionDocumentKind::kPaperScan}) {
    EXPECT_EQ(SubscriptionDocumentKindFromName(SubscriptionDocumentKindName(k)), k);
  }
  EXPECT_EQ(SubscriptionPathFromName("paper"), SubscriptionPath::kPaper);
  EXPECT_EQ(SignatureVerdictFromName("modified_after_signing"),
            SignatureVerdict::kModifiedAfterSigning);
}

TEST(LegalRepresentative, ValidatesTheOptionalNationalNumber) {
  auto with_number = LegalRepresentative::Make("  Jan Peeters ", "85.07.30-033.28");
  ASSERT_TRUE(with_number);
  EXPECT_EQ(with_number->name, "Jan Peeters");
  EXPECT_EQ(with_number->national_number, "85073003328");

  auto without = LegalRepresentative::Make("Marie Dubois", " ");
  ASSERT_TRUE(without);
  EXPECT_FALSE(without->national_number.has_value());

  EXPECT_EQ(LegalRepresentative::Make("Jan Peeters", "85.07.30-033.29").error().reason,
            "invalid_national_number");
  EXPECT_EQ(LegalRepresentative::Make("  ", "").error().reason, "representative_name_missing");
}

}  // namespace
}  // namespace sealpost::domain
