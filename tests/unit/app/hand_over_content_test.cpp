// HandOverContent against the real adapters: the first hand-over is the proof of receipt, recorded
// once even under concurrency; content leaves byte-identical or not at all.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using domain::DeliveryState;
using domain::EvidenceEvent;

class HandOverContentTest : public AppFixture {
 protected:
  std::size_t CountEvents(const std::string& item_id, EvidenceEvent event) {
    std::size_t n = 0;
    for (const auto& r : StoredEvidence(item_id)) n += r.event == event ? 1 : 0;
    return n;
  }
};

TEST_F(HandOverContentTest, FirstHandOverRecordsProofOfReceiptOnce) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const std::string delivery_id = submitted.deliveries[0].id;
  clock_.Advance(std::chrono::hours(2));
  const std::int64_t before = LogSize();

  auto first = hand_over_->Execute(*recipient_, delivery_id);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->delivery.state, DeliveryState::kHandedOver);
  EXPECT_EQ(first->item.subject, "Mise en demeure");
  EXPECT_EQ(first->sender_name, sender_account_.display_name);
  EXPECT_EQ(LogSize(), before + 1);

  auto stored = StoredDelivery(delivery_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->state, DeliveryState::kHandedOver);
  EXPECT_EQ(stored->state_changed_at, clock_.Now());
  EXPECT_FALSE(stored->deadline.has_value()) << "no deadline runs after the hand-over";

  auto evidence = StoredEvidence(submitted.item.id);
  ASSERT_EQ(evidence.size(), 4u);
  EXPECT_EQ(evidence.back().event, EvidenceEvent::kContentHandover);
  EXPECT_EQ(evidence.back().delivery_id, delivery_id);
  EXPECT_EQ(evidence.back().leaf_index, before);
  EXPECT_EQ(evidence.back().event_time, clock_.Now());
  auto report = VerifySealed(evidence.back().sealed_xml);
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(report.summary.recipient_name, recipient_account_.display_name);

  clock_.Advance(std::chrono::hours(1));
  auto second = hand_over_->Execute(*recipient_, delivery_id);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  EXPECT_EQ(second->delivery.state, DeliveryState::kHandedOver);
  EXPECT_EQ(LogSize(), before + 1) << "a second read is no new event";
  EXPECT_EQ(CountEvents(submitted.item.id, EvidenceEvent::kContentHandover), 1u);
}

TEST_F(HandOverContentTest, AnotherAccountGetsNotFound) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const std::int64_t before = LogSize();
  for (const Caller* other : {&*outsider_, &*sender_, &*person_}) {
    auto r = hand_over_->Execute(*other, submitted.deliveries[0].id);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, common::ErrorCode::kNotFound) << other->account.display_name;
  }
  auto missing = hand_over_->Execute(*recipient_, "00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, common::ErrorCode::kNotFound);
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredDelivery(submitted.deliveries[0].id)->state, DeliveryState::kNotified);
}

TEST_F(HandOverContentTest, UnregisteredDeliveryIsNotVisibleToAnyAccount) {
  // The person's consent is revoked: the delivery is addressed to them but not consigned to their
  // account, so it is "someone else's" for every account until procedure B identifies them.
  RevokeConsent(person_account_.id);
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientPerson()}));
  ASSERT_EQ(submitted.deliveries[0].state, DeliveryState::kAwaitingAcceptance);
  auto r = hand_over_->Execute(*person_, submitted.deliveries[0].id);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, common::ErrorCode::kNotFound);
}

TEST_F(HandOverContentTest, DeliveryNotYetConsignedIsFailedPrecondition) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({Unregistered()}));
  domain::Delivery d = submitted.deliveries[0];
  ASSERT_EQ(d.state, DeliveryState::kAwaitingAcceptance);
  // Procedure B has identified the recipient (account known) but nothing was accepted yet.
  {
    auto uow = database_->Begin();
    ASSERT_TRUE(uow.has_value());
    d.recipient_account_id = outsider_account_.id;
    ASSERT_TRUE((*uow)->Deliveries().Update(d).has_value());
    ASSERT_TRUE((*uow)->Commit().has_value());
  }
  const std::int64_t before = LogSize();
  auto r = hand_over_->Execute(*outsider_, d.id);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, common::ErrorCode::kFailedPrecondition) << r.error().ToString();
  auto attachment = hand_over_->Attachment(*outsider_, d.id, submitted.item.attachments[0].id);
  ASSERT_FALSE(attachment.has_value());
  EXPECT_EQ(attachment.error().code, common::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(StoredDelivery(d.id)->state, DeliveryState::kAwaitingAcceptance);
}

TEST_F(HandOverContentTest, AttachmentsComeBackByteIdentical) {
  auto request = Request({RecipientCompany()});
  std::string binary;
  for (int i = 0; i < 70000; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xff));
  request.attachments.push_back({"scan.tiff", "image/tiff", binary});
  const auto originals = request.attachments;
  SubmittedItem submitted = MustSubmit(*sender_, request);
  const std::int64_t before = LogSize();

  ASSERT_EQ(submitted.item.attachments.size(), originals.size());
  for (std::size_t i = 0; i < originals.size(); ++i) {
    auto got = hand_over_->Attachment(*recipient_, submitted.deliveries[0].id,
                                      submitted.item.attachments[i].id);
    ASSERT_TRUE(got.has_value()) << got.error().ToString();
    EXPECT_EQ(got->data, originals[i].data) << originals[i].file_name;
    EXPECT_EQ(got->attachment.file_name, originals[i].file_name);
    EXPECT_EQ(got->attachment.content_type, originals[i].content_type);
    EXPECT_EQ(got->attachment.size, originals[i].data.size());
  }
  // Reading an attachment hands over first, once.
  EXPECT_EQ(LogSize(), before + 1);
  EXPECT_EQ(StoredDelivery(submitted.deliveries[0].id)->state, DeliveryState::kHandedOver);

  auto unknown =
      hand_over_->Attachment(*recipient_, submitted.deliveries[0].id, "no-such-attachment");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, common::ErrorCode::kNotFound);
}

TEST_F(HandOverContentTest, ContentIsEncryptedAtRest) {
  auto request = Request({RecipientCompany()});
  SubmittedItem submitted = MustSubmit(*sender_, request);
  std::ifstream in(BlobPath(submitted.item.attachments[0].blob_address), std::ios::binary);
  std::string on_disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(on_disk.empty());
  EXPECT_EQ(on_disk.find("%PDF-"), std::string::npos) << "plaintext found in the blob store";
}

TEST_F(HandOverContentTest, AlteredBlobIsAnErrorNeverWrongBytes) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const auto& attachment = submitted.item.attachments[0];
  const auto path = BlobPath(attachment.blob_address);
  ASSERT_TRUE(std::filesystem::exists(path));
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(20);
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x01);
    f.seekp(20);
    f.write(&c, 1);
  }
  auto got = hand_over_->Attachment(*recipient_, submitted.deliveries[0].id, attachment.id);
  ASSERT_FALSE(got.has_value()) << "altered content was served";
  EXPECT_NE(got.error().code, common::ErrorCode::kNotFound);
  // The other attachment is untouched and still served.
  auto other = hand_over_->Attachment(*recipient_, submitted.deliveries[0].id,
                                      submitted.item.attachments[1].id);
  ASSERT_TRUE(other.has_value()) << other.error().ToString();
}

TEST_F(HandOverContentTest, ConcurrentHandOversRecordExactlyOneProofOfReceipt) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  const std::string delivery_id = submitted.deliveries[0].id;
  const std::int64_t before = LogSize();

  constexpr int kThreads = 4;
  std::atomic<int> ready{0};
  std::atomic<int> succeeded{0};
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      auto r = hand_over_->Execute(*recipient_, delivery_id);
      if (r) {
        ++succeeded;
        if (r->delivery.state != DeliveryState::kHandedOver) errors[t] = "state not handed_over";
      } else {
        errors[t] = r.error().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();

  for (int t = 0; t < kThreads; ++t)
    EXPECT_TRUE(errors[t].empty()) << "thread " << t << ": " << errors[t];
  EXPECT_EQ(succeeded.load(), kThreads);
  EXPECT_EQ(CountEvents(submitted.item.id, EvidenceEvent::kContentHandover), 1u);
  EXPECT_EQ(LogSize(), before + 1);
  EXPECT_EQ(StoredLogSize(), before + 1);
  EXPECT_EQ(StoredDelivery(delivery_id)->state, DeliveryState::kHandedOver);
}

}  // namespace
}  // namespace sealpost::app
