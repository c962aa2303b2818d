// API-key scopes ("send read inbox"): the use cases are the only authorization path
// (app/caller.hpp), so each must refuse a credential without the scope it needs — before anything
// is read or recorded.
#include <gtest/gtest.h>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

class ScopesTest : public AppFixture {};

TEST_F(ScopesTest, KeyWithoutInboxScopeCannotTakeHandOver) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  Caller send_only = AddKeyAndAuthenticate(recipient_account_, "send read");
  const std::int64_t before = LogSize();

  auto r = hand_over_->Execute(send_only, submitted.deliveries[0].id);
  ASSERT_FALSE(r.has_value()) << "a key without the inbox scope produced a proof of receipt";
  EXPECT_EQ(r.error().code, common::ErrorCode::kPermissionDenied);
  auto a = hand_over_->Attachment(send_only, submitted.deliveries[0].id,
                                  submitted.item.attachments[0].id);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, common::ErrorCode::kPermissionDenied);
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredDelivery(submitted.deliveries[0].id)->state, domain::DeliveryState::kNotified);

  auto inbox = queries_->ListInbox(send_only, {});
  ASSERT_FALSE(inbox.has_value());
  EXPECT_EQ(inbox.error().code, common::ErrorCode::kPermissionDenied);
}

TEST_F(ScopesTest, KeyWithoutReadScopeCannotReadItems) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  Caller send_only = AddKeyAndAuthenticate(sender_account_, "send");

  auto items = queries_->ListItems(send_only, {});
  ASSERT_FALSE(items.has_value());
  EXPECT_EQ(items.error().code, common::ErrorCode::kPermissionDenied);
  auto item = queries_->GetItem(send_only, submitted.item.id);
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().code, common::ErrorCode::kPermissionDenied);
  auto evidence = queries_->ListEvidence(send_only, submitted.item.id);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, common::ErrorCode::kPermissionDenied);
  auto bundle = proof_bundle_->Execute(send_only, submitted.item.id);
  ASSERT_FALSE(bundle.has_value());
  EXPECT_EQ(bundle.error().code, common::ErrorCode::kPermissionDenied);

  // A sender key may still submit.
  EXPECT_NO_THROW(MustSubmit(send_only, Request({Unregistered()})));
}

TEST_F(ScopesTest, RecipientWithInboxScopeOnlyReadsItsEvidence) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  Caller inbox_only = AddKeyAndAuthenticate(recipient_account_, "inbox");
  auto evidence = queries_->ListEvidence(inbox_only, submitted.item.id);
  ASSERT_TRUE(evidence.has_value()) << evidence.error().ToString();
  EXPECT_EQ(evidence->size(), 3u);
  EXPECT_TRUE(hand_over_->Execute(inbox_only, submitted.deliveries[0].id).has_value());
}

}  // namespace
}  // namespace sealpost::app
