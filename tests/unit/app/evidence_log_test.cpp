// EvidenceLog against the real database and sealer: a state change and its evidence commit together
// or not at all, and a failed attempt leaves no gap in the append-only log.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "app/evidence_leaf.hpp"
#include "merkle/tree_hash.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

class EvidenceLogTest : public AppFixture {
 protected:
  domain::Item NewItem() {
    domain::Item item;
    item.id = common::NewUuid(random_);
    item.sender_account_id = sender_account_.id;
    item.subject = "log test";
    item.status = domain::ItemStatus::kRejected;
    item.submitted_at = clock_.Now();
    return item;
  }

  domain::Evidence NewEvidence(const domain::Item& item) {
    domain::Evidence e;
    e.id = common::NewUuid(random_);
    e.event = domain::EvidenceEvent::kSubmissionRejection;
    e.reason_code = "RA03";
    e.reason_details = "test";
    e.event_time = clock_.Now();
    e.sender.name = sender_account_.display_name;
    e.sender.email = sender_account_.email;
    e.sender.enterprise_number = sender_account_.enterprise_number;
    e.recipients.push_back(
        domain::PartyIdentity{"Nobody Known", "", "", "nobody@example.org", "", "", "", "", {}});
    e.submission_time = item.submitted_at;
    e.message_id = item.id;
    e.subject = item.subject;
    return e;
  }

  bool EvidenceExists(const std::string& id) {
    auto uow = database_->BeginReadOnly();
    EXPECT_TRUE(uow.has_value());
    auto found = (*uow)->Evidence().FindById(id);
    EXPECT_TRUE(found.has_value());
    return found.has_value() && found->has_value();
  }

  // The stored leaves must be exactly the leaf hashes of the stored evidence, index by index.
  void ExpectLogConsistent() {
    auto uow = database_->BeginReadOnly();
    ASSERT_TRUE(uow.has_value());
    auto size = (*uow)->Log().Size();
    ASSERT_TRUE(size.has_value());
    auto leaves = (*uow)->Log().LeafHashes(0, *size);
    ASSERT_TRUE(leaves.has_value());
    ASSERT_EQ(static_cast<std::int64_t>(leaves->size()), *size);
    auto head = log_->Head();
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->size, *size);
    EXPECT_EQ(head->root, merkle::RootFromLeafHashes(*leaves))
        << "in-memory mirror differs from the database";
  }
};

TEST_F(EvidenceLogTest, FailedApplyCommitsNothingAndLeavesNoGap) {
  MustSubmit(*sender_, Request({RecipientCompany()}));
  const std::int64_t before = LogSize();
  ASSERT_EQ(before, 3);

  domain::Item item = NewItem();
  domain::Evidence e = NewEvidence(item);
  domain::Account extra;
  extra.id = common::NewUuid(random_);
  extra.display_name = "Written by the failing apply";
  extra.email = "extra@example.be";
  extra.created_at = clock_.Now();
  auto failed = log_->Record({e}, item.id, [&](UnitOfWork& uow) -> common::Result<void> {
    if (auto ok = uow.Items().Insert(item); !ok) return ok;
    if (auto ok = uow.Accounts().Insert(extra); !ok) return ok;
    return common::Fail(common::ErrorCode::kFailedPrecondition, "state forbids it");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, common::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(failed.error().message, "state forbids it");

  EXPECT_FALSE(EvidenceExists(e.id));
  EXPECT_FALSE(StoredItem(item.id).has_value())
      << "the state change was committed without its evidence";
  {
    auto uow = database_->BeginReadOnly();
    ASSERT_TRUE(uow.has_value());
    auto account = (*uow)->Accounts().FindById(extra.id);
    ASSERT_TRUE(account.has_value());
    EXPECT_FALSE(account->has_value());
  }
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredLogSize(), before);
  ExpectLogConsistent();

  // The next record lands right after the last committed one.
  domain::Item next_item = NewItem();
  domain::Evidence next = NewEvidence(next_item);
  auto ok = log_->Record({next}, next_item.id,
                         [&](UnitOfWork& uow) { return uow.Items().Insert(next_item); });
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].leaf_index, before);
  EXPECT_EQ(LogSize(), before + 1);
  EXPECT_TRUE(EvidenceExists(next.id));
  ExpectLogConsistent();
}

TEST_F(EvidenceLogTest, FailureAfterApplyDuringAppendCommitsNothing) {
  // The second evidence reuses the id of a stored one: the insert fails after apply and after the
  // first append of this batch; neither the item nor the first evidence may survive.
  SubmittedItem earlier = MustSubmit(*sender_, Request({Unregistered()}));
  const std::string taken_id = StoredEvidence(earlier.item.id)[0].id;
  const std::int64_t before = LogSize();

  domain::Item item = NewItem();
  domain::Evidence first = NewEvidence(item);
  domain::Evidence clash = NewEvidence(item);
  clash.id = taken_id;
  auto failed = log_->Record({first, clash}, item.id,
                             [&](UnitOfWork& uow) { return uow.Items().Insert(item); });
  ASSERT_FALSE(failed.has_value());
  EXPECT_FALSE(EvidenceExists(first.id));
  EXPECT_FALSE(StoredItem(item.id).has_value());
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredLogSize(), before);
  ExpectLogConsistent();

  domain::Item next_item = NewItem();
  auto ok = log_->Record({NewEvidence(next_item)}, next_item.id,
                         [&](UnitOfWork& uow) { return uow.Items().Insert(next_item); });
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  EXPECT_EQ((*ok)[0].leaf_index, before);
  ExpectLogConsistent();
}

TEST_F(EvidenceLogTest, BatchGetsConsecutiveIndicesAndLeafHashesMatch) {
  domain::Item item = NewItem();
  std::vector<domain::Evidence> batch = {NewEvidence(item), NewEvidence(item), NewEvidence(item)};
  auto ok = log_->Record(batch, item.id, [&](UnitOfWork& uow) { return uow.Items().Insert(item); });
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  ASSERT_EQ(ok->size(), 3u);
  auto uow = database_->BeginReadOnly();
  ASSERT_TRUE(uow.has_value());
  auto leaves = (*uow)->Log().LeafHashes(0, 3);
  ASSERT_TRUE(leaves.has_value());
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*ok)[i].leaf_index, static_cast<std::int64_t>(i));
    EXPECT_EQ((*ok)[i].sha256, common::HexEncode(common::Sha256((*ok)[i].sealed_xml)));
    auto hash = LeafHashOf((*ok)[i]);
    ASSERT_TRUE(hash.has_value());
    EXPECT_EQ((*leaves)[i], *hash);
  }
}

TEST_F(EvidenceLogTest, ASecondLogOnTheSameDatabaseContinuesWhereTheFirstStopped) {
  // As after a restart: the mirror is rebuilt from the stored leaves.
  MustSubmit(*sender_, Request({RecipientCompany()}));
  const auto head = log_->Head();
  ASSERT_TRUE(head.has_value());
  EvidenceLog restarted(*database_, *sealer_);
  auto again = restarted.Head();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->size, head->size);
  EXPECT_EQ(again->root, head->root);
}

TEST_F(EvidenceLogTest, ConcurrentRecordsShareCommitsWithoutLosingOrMixingChanges) {
  // Group commit: many writers at once, some of whose changes are refused. Every accepted change is
  // committed with exactly its own evidence, every refused one leaves nothing, and the log has no
  // gap.
  constexpr int kThreads = 8;
  constexpr int kPerThread = 6;
  const std::int64_t before = LogSize();
  std::vector<std::vector<domain::Item>> items(kThreads);
  std::vector<std::vector<domain::Evidence>> evidence(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      items[t].push_back(NewItem());
      evidence[t].push_back(NewEvidence(items[t].back()));
    }
  }
  std::vector<std::vector<bool>> accepted(kThreads, std::vector<bool>(kPerThread, false));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const bool refuse = (t + i) % 3 == 0;
        auto r = log_->Record(
            {evidence[t][i]}, items[t][i].id, [&](UnitOfWork& uow) -> common::Result<void> {
              if (auto ok = uow.Items().Insert(items[t][i]); !ok) return ok;
              if (refuse) return common::Fail(common::ErrorCode::kConflict, "refused on purpose");
              return common::Ok();
            });
        accepted[t][i] = r.has_value();
        EXPECT_EQ(r.has_value(), !refuse) << (r ? "" : r.error().ToString());
      }
    });
  }
  for (auto& th : threads) th.join();

  std::int64_t expected = before;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      EXPECT_EQ(EvidenceExists(evidence[t][i].id), accepted[t][i]);
      EXPECT_EQ(StoredItem(items[t][i].id).has_value(), accepted[t][i]);
      if (accepted[t][i]) ++expected;
    }
  }
  EXPECT_EQ(LogSize(), expected);
  EXPECT_EQ(StoredLogSize(), expected);
  ExpectLogConsistent();
}

}  // namespace
}  // namespace sealpost::app
