// SubmitItem pays for its deliveries (issue 7): each delivery's price plus 21 % VAT is debited from
// the sender's prepaid balance in the transaction that records the item; a submission the balance
// does not cover is refused with nothing created — also when concurrent submissions through the
// group commit together exceed the balance (each refused one drops out alone).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/ledger.hpp"
#include "app/usecases/billing_queries.hpp"
#include "domain/ledger_standard_entries.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

constexpr domain::Cents kPrice = 450;  // 4.50 + VAT 0.95 = 5.45 per delivery
constexpr domain::Cents kGross = 545;

class SubmissionDebitTest : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    SubmissionSettings priced = settings_;
    priced.electronic_delivery_cents = kPrice;
    priced_ = MakeSubmit(priced);
  }

  void Credit(domain::Cents gross, const std::string& payment_id) {
    auto uow = database_->Begin();
    ASSERT_TRUE(uow.has_value());
    auto entry =
        domain::TopUpPaidEntry("sandbox", payment_id, sender_account_.id, gross, clock_.Now());
    ASSERT_TRUE(entry.has_value()) << entry.error().ToString();
    ASSERT_TRUE(PostLedgerEntry(**uow, *entry).has_value());
    ASSERT_TRUE((*uow)->Commit().has_value());
  }

  domain::Cents Balance() {
    auto uow = database_->BeginReadOnly();
    EXPECT_TRUE(uow.has_value());
    auto balance =
        (*uow)->Ledger().Balance(domain::LedgerAccount::CustomerPrepaid(sender_account_.id));
    EXPECT_TRUE(balance.has_value());
    return balance.value_or(-1);
  }

  std::unique_ptr<SubmitItem> priced_;
};

TEST_F(SubmissionDebitTest, EachDeliveryIsDebitedWithVatInTheSameTransaction) {
  Credit(2000, "tr_1");
  auto outcome = priced_->Execute(*sender_, Request({RecipientCompany(), Unregistered()}));
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  const auto& submitted = std::get<SubmittedItem>(*outcome);
  EXPECT_EQ(Balance(), 2000 - 2 * kGross);

  auto uow = database_->BeginReadOnly();
  ASSERT_TRUE(uow.has_value());
  for (const auto& d : submitted.deliveries) {
    auto debit = (*uow)->Ledger().FindEntry(domain::DeliveryDebitTransferId(d.id));
    ASSERT_TRUE(debit.has_value());
    ASSERT_TRUE(debit->has_value()) << "no debit for delivery " << d.id;
    EXPECT_EQ((*debit)->reference(), "delivery:" + d.id);
    EXPECT_EQ((*debit)->AmountFor(domain::LedgerAccount::Revenue()), -kPrice);
    EXPECT_EQ((*debit)->AmountFor(domain::LedgerAccount::VatPayable()), -95);
  }
}

TEST_F(SubmissionDebitTest, TooLittleBalanceRefusesWithNothingCreated) {
  Credit(kGross, "tr_1");  // one delivery, not two
  const auto log_before = LogSize();
  const auto blobs_before = BlobFileCount();
  auto outcome = priced_->Execute(*sender_, Request({RecipientCompany(), Unregistered()}));
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, common::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(outcome.error().reason, "insufficient_balance");
  EXPECT_EQ(LogSize(), log_before) << "no evidence";
  EXPECT_EQ(StoredLogSize(), log_before);
  EXPECT_EQ(BlobFileCount(), blobs_before) << "refused before any content was stored";
  EXPECT_EQ(Balance(), kGross) << "nothing debited";
  // A free configuration (price 0) debits nothing and needs no balance.
  MustSubmit(*sender_, Request({RecipientCompany()}));
  EXPECT_EQ(Balance(), kGross);
}

TEST_F(SubmissionDebitTest, ABillingPlanSetsThePriceAndPostpaidChargesTheReceivable) {
  {
    auto uow = database_->Begin();
    ASSERT_TRUE(uow.has_value());
    BillingPlan plan{sender_account_.id,
                     domain::BillingMode::kPostpaid,
                     {{"electronic", 100}},
                     250,
                     "monthly",
                     clock_.Now(),
                     "test"};
    ASSERT_TRUE((*uow)->BillingPlans().Put(plan).has_value());
    ASSERT_TRUE((*uow)->Commit().has_value());
  }
  // 1.00 + 0.21 VAT per delivery; the limit of 2.50 covers two deliveries, not three.
  ASSERT_TRUE(priced_->Execute(*sender_, Request({RecipientCompany(), Unregistered()})));
  auto over = priced_->Execute(*sender_, Request({RecipientCompany()}));
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().reason, "credit_limit_exceeded");
  auto uow = database_->BeginReadOnly();
  ASSERT_TRUE(uow.has_value());
  EXPECT_EQ(
      *(*uow)->Ledger().Balance(domain::LedgerAccount::CustomerReceivable(sender_account_.id)),
      2 * 121);
  EXPECT_EQ(*(*uow)->Ledger().Balance(domain::LedgerAccount::CustomerPrepaid(sender_account_.id)),
            0);
}

// Concurrent submissions each see enough balance before sealing; in the group commit only as many
// as the balance pays for are recorded, the others are refused alone with nothing of them stored.
TEST_F(SubmissionDebitTest, ConcurrentSubmissionsNeverOverdraw) {
  constexpr int kSubmissions = 8;
  constexpr int kAffordable = 3;
  Credit(kAffordable * kGross, "tr_1");
  std::atomic<int> accepted = 0;
  std::atomic<int> refused = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < kSubmissions; ++i) {
    threads.emplace_back([&] {
      auto outcome = priced_->Execute(*sender_, Request({RecipientCompany()}));
      if (outcome) {
        ++accepted;
      } else if (outcome.error().reason == "insufficient_balance") {
        ++refused;
      } else {
        ADD_FAILURE() << outcome.error().ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), kAffordable);
  EXPECT_EQ(refused.load(), kSubmissions - kAffordable);
  EXPECT_EQ(Balance(), 0);
  // Three evidences per accepted item (acceptance, consignment, notification once mailed):
  // the refused ones left none; the log in the database equals the in-memory mirror.
  EXPECT_EQ(StoredLogSize(), LogSize());
  auto uow = database_->BeginReadOnly();
  ASSERT_TRUE(uow.has_value());
  auto totals = (*uow)->Ledger().Totals();
  ASSERT_TRUE(totals.has_value());
  EXPECT_EQ(totals->journal, totals->cached);
  EXPECT_EQ(totals->entry_count, 1u + kAffordable);
}

// The movements' CSV export writes fields as RFC 4180 says, and keeps spreadsheet formulas inert.
TEST(CsvFieldTest, QuotesWhatNeedsQuotingAndDefusesFormulas) {
  EXPECT_EQ(CsvField("Top-up"), "Top-up");
  EXPECT_EQ(CsvField("-5.45"), "-5.45") << "a negative amount stays a number";
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("line\r\nbreak"), "\"line\r\nbreak\"");
  EXPECT_EQ(CsvField("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  EXPECT_EQ(CsvField("@x,y"), "\"'@x,y\"");
  EXPECT_EQ(CsvField(""), "");
}

}  // namespace
}  // namespace sealpost::app
