// ItemQueries against the real adapters: who sees which items, deliveries and evidence; anything
// not visible answers exactly like a missing id.
#include <gtest/gtest.h>

#include <set>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using domain::EvidenceEvent;

class ItemQueriesTest : public AppFixture {};

std::set<std::string> IdsOf(const std::vector<domain::EvidenceRecord>& records) {
  std::set<std::string> ids;
  for (const auto& r : records) ids.insert(r.id);
  return ids;
}

TEST_F(ItemQueriesTest, SenderSeesEverythingRecipientOnlyItsDelivery) {
  SubmittedItem submitted =
      MustSubmit(*sender_, Request({RecipientCompany(), RecipientPerson(), Unregistered()}));
  const auto all = StoredEvidence(submitted.item.id);
  ASSERT_EQ(all.size(), 8u);

  auto by_sender = queries_->ListEvidence(*sender_, submitted.item.id);
  ASSERT_TRUE(by_sender.has_value()) << by_sender.error().ToString();
  EXPECT_EQ(IdsOf(*by_sender), IdsOf(all));
  for (std::size_t i = 1; i < by_sender->size(); ++i) {
    EXPECT_LT((*by_sender)[i - 1].leaf_index, (*by_sender)[i].leaf_index) << "log order";
  }

  auto item = queries_->GetItem(*sender_, submitted.item.id);
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->deliveries.size(), 3u);

  auto by_recipient = queries_->ListEvidence(*recipient_, submitted.item.id);
  ASSERT_TRUE(by_recipient.has_value()) << by_recipient.error().ToString();
  ASSERT_EQ(by_recipient->size(), 3u);
  for (const auto& r : *by_recipient) EXPECT_EQ(r.delivery_id, submitted.deliveries[0].id);

  auto by_person = queries_->ListEvidence(*person_, submitted.item.id);
  ASSERT_TRUE(by_person.has_value());
  ASSERT_EQ(by_person->size(), 3u);
  for (const auto& r : *by_person) EXPECT_EQ(r.delivery_id, submitted.deliveries[1].id);

  // Evidence one by one follows the same rule.
  for (const auto& r : all) {
    auto got = queries_->GetEvidence(*recipient_, r.id);
    if (r.delivery_id == submitted.deliveries[0].id) {
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(got->sealed_xml, r.sealed_xml) << "served exactly as stored";
    } else {
      ASSERT_FALSE(got.has_value());
      EXPECT_EQ(got.error().code, common::ErrorCode::kNotFound);
    }
  }
}

TEST_F(ItemQueriesTest, ThirdAccountSeesNothing) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const auto all = StoredEvidence(submitted.item.id);

  auto item = queries_->GetItem(*outsider_, submitted.item.id);
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().code, common::ErrorCode::kNotFound);
  auto evidence = queries_->ListEvidence(*outsider_, submitted.item.id);
  ASSERT_FALSE(evidence.has_value());
  EXPECT_EQ(evidence.error().code, common::ErrorCode::kNotFound);
  for (const auto& r : all) {
    auto one = queries_->GetEvidence(*outsider_, r.id);
    ASSERT_FALSE(one.has_value());
    EXPECT_EQ(one.error().code, common::ErrorCode::kNotFound);
  }
  auto inbox = queries_->ListInbox(*outsider_, {});
  ASSERT_TRUE(inbox.has_value());
  EXPECT_TRUE(inbox->empty());
  auto items = queries_->ListItems(*outsider_, {});
  ASSERT_TRUE(items.has_value());
  EXPECT_TRUE(items->empty());

  // Not-yours and missing answer identically.
  auto missing = queries_->GetItem(*outsider_, "00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, item.error().code);
  EXPECT_EQ(missing.error().message, item.error().message);
}

TEST_F(ItemQueriesTest, RecipientCannotGetTheSendersItemView) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany(), Unregistered()}));
  auto item = queries_->GetItem(*recipient_, submitted.item.id);
  ASSERT_FALSE(item.has_value()) << "the recipient must not see the other deliveries of the item";
  EXPECT_EQ(item.error().code, common::ErrorCode::kNotFound);
}

TEST_F(ItemQueriesTest, InboxHidesSubjectUntilHandOver) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  auto inbox = queries_->ListInbox(*recipient_, {});
  ASSERT_TRUE(inbox.has_value());
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].delivery.id, submitted.deliveries[0].id);
  EXPECT_EQ((*inbox)[0].sender_name, sender_account_.display_name);
  EXPECT_EQ((*inbox)[0].sender_enterprise_number, kSenderEnterprise);
  EXPECT_TRUE((*inbox)[0].subject.empty());

  ASSERT_TRUE(hand_over_->Execute(*recipient_, submitted.deliveries[0].id).has_value());
  inbox = queries_->ListInbox(*recipient_, {});
  ASSERT_TRUE(inbox.has_value());
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].subject, "Mise en demeure");
}

TEST_F(ItemQueriesTest, ListItemsPagesNewestFirstWithCursor) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(
        MustSubmit(*sender_, Request({Unregistered()}, "item " + std::to_string(i))).item.id);
    clock_.Advance(std::chrono::seconds(10));
  }
  std::vector<std::string> seen;
  PageRequest page{2, ""};
  for (int guard = 0; guard < 10; ++guard) {
    auto listed = queries_->ListItems(*sender_, page);
    ASSERT_TRUE(listed.has_value()) << listed.error().ToString();
    if (listed->empty()) break;
    EXPECT_LE(listed->size(), 2u);
    for (const auto& v : *listed) {
      seen.push_back(v.item.id);
      EXPECT_EQ(v.deliveries.size(), 1u);
    }
    page.after = listed->back().item.id;
  }
  std::vector<std::string> newest_first(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, newest_first);
}

TEST_F(ItemQueriesTest, ItemsSubmittedInTheSameMicrosecondAreAllPaged) {
  // The clock does not move: ties on submitted_at are broken by id, never skipped or repeated.
  std::set<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.insert(MustSubmit(*sender_, Request({Unregistered()})).item.id);
  std::vector<std::string> seen;
  PageRequest page{1, ""};
  for (int guard = 0; guard < 10; ++guard) {
    auto listed = queries_->ListItems(*sender_, page);
    ASSERT_TRUE(listed.has_value());
    if (listed->empty()) break;
    seen.push_back(listed->back().item.id);
    page.after = listed->back().item.id;
  }
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), ids);
}

TEST_F(ItemQueriesTest, CursorOfAnotherSenderIsRefused) {
  SubmittedItem mine = MustSubmit(*sender_, Request({Unregistered()}));
  auto listed = queries_->ListItems(*outsider_, PageRequest{10, mine.item.id});
  ASSERT_FALSE(listed.has_value());
  EXPECT_EQ(listed.error().code, common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::app
