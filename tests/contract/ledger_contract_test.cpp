// Contract of the ledger, billing plan and top-up repositories on SQLite and PostgreSQL (fixture:
// storage_contract_fixture.hpp): entries are recorded once, the cached balances follow the journal,
// movements page newest first, and concurrent debits against one balance never overdraw it.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/ledger.hpp"
#include "domain/ledger_standard_entries.hpp"
#include "storage_contract_fixture.hpp"

namespace sealpost::testing {
namespace {

using common::ErrorCode;
using domain::BillingMode;
using domain::LedgerAccount;

domain::JournalEntry TopUp(const std::string& payment_id, const std::string& customer,
                           domain::Cents gross, common::TimePoint at = kT0) {
  auto entry = domain::TopUpPaidEntry("mollie", payment_id, customer, gross, at);
  EXPECT_TRUE(entry.has_value()) << entry.error().ToString();
  return *entry;
}

domain::JournalEntry Debit(const std::string& delivery_id, const std::string& customer,
                           domain::Cents net, BillingMode mode = BillingMode::kPrepaid) {
  auto entry = domain::DeliveryDebitEntry(
      {delivery_id, customer, mode, net, domain::kStandardVatPercent, "Electronic delivery"}, kT0);
  EXPECT_TRUE(entry.has_value()) << entry.error().ToString();
  return *entry;
}

TEST_P(StorageContract, LedgerEntryIsRecordedOnceAndMovesTheCachedBalances) {
  Seed();  // person Id(1)
  const auto prepaid = LedgerAccount::CustomerPrepaid(Id(1));
  InTransaction([&](app::UnitOfWork& u) {
    auto first = u.Ledger().AppendEntry(TopUp("tr_1", Id(1), 5000));
    ASSERT_OK(first);
    EXPECT_EQ(*first, app::AppendOutcome::kRecorded);
  });
  // The webhook again, built later: a replay, nothing changes.
  InTransaction([&](app::UnitOfWork& u) {
    auto again = u.Ledger().AppendEntry(TopUp("tr_1", Id(1), 5000, kT0 + 1h));
    ASSERT_OK(again);
    EXPECT_EQ(*again, app::AppendOutcome::kAlreadyRecorded);
    // The same payment id reported with another amount is not glossed over.
    auto other = u.Ledger().AppendEntry(TopUp("tr_1", Id(1), 6000));
    ASSERT_ERROR(other, ErrorCode::kConflict);
    EXPECT_EQ(other.error().reason, "transfer_id_conflict");
    ASSERT_OK(u.Ledger().AppendEntry(Debit(Id(200), Id(1), 450)));  // 450 + 95 VAT
  });
  auto u = Begin();
  auto balance = u->Ledger().Balance(prepaid);
  ASSERT_OK(balance);
  EXPECT_EQ(*balance, 5000 - 545);
  auto revenue = u->Ledger().Balance(LedgerAccount::Revenue());
  ASSERT_OK(revenue);
  EXPECT_EQ(*revenue, 450);
  auto vat = u->Ledger().Balance(LedgerAccount::VatPayable());
  ASSERT_OK(vat);
  EXPECT_EQ(*vat, 95);
  auto clearing = u->Ledger().Balance(LedgerAccount::PspClearing("mollie"));
  ASSERT_OK(clearing);
  EXPECT_EQ(*clearing, 5000);
  auto stored = u->Ledger().FindEntry(domain::TopUpTransferId("mollie", "tr_1"));
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ(**stored, TopUp("tr_1", Id(1), 5000));
  auto unknown = u->Ledger().Balance(LedgerAccount::CustomerPrepaid(Id(2)));
  ASSERT_OK(unknown);
  EXPECT_EQ(*unknown, 0);

  auto totals = u->Ledger().Totals();
  ASSERT_OK(totals);
  EXPECT_EQ(totals->entry_count, 2u);
  EXPECT_EQ(totals->journal, totals->cached);
  EXPECT_TRUE(totals->unbalanced_entries.empty());
  EXPECT_EQ(totals->journal.at(prepaid.Key()), 4455);
}

TEST_P(StorageContract, LedgerMovementsPageNewestFirst) {
  Seed();
  const auto prepaid = LedgerAccount::CustomerPrepaid(Id(1));
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Ledger().AppendEntry(TopUp("tr_1", Id(1), 10000)));
    for (int i = 0; i < 4; ++i) ASSERT_OK(u.Ledger().AppendEntry(Debit(Id(300 + i), Id(1), 100)));
  });
  auto u = Begin();
  auto first = u->Ledger().Movements(prepaid, {std::nullopt, 3});
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].reference, "delivery:" + Id(303));
  EXPECT_EQ((*first)[0].amount, -121);  // lowers the prepaid balance
  EXPECT_EQ((*first)[0].at, kT0);
  EXPECT_GT((*first)[0].sequence, (*first)[1].sequence);
  auto rest = u->Ledger().Movements(prepaid, {first->back().sequence, 3});
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ((*rest)[0].reference, "delivery:" + Id(300));
  EXPECT_EQ((*rest)[1].reference, "mollie:tr_1");
  EXPECT_EQ((*rest)[1].amount, 10000);
  // Another account's movements are not listed.
  auto other = u->Ledger().Movements(LedgerAccount::CustomerPrepaid(Id(2)), {std::nullopt, 10});
  ASSERT_OK(other);
  EXPECT_TRUE(other->empty());
}

TEST_P(StorageContract, PostLedgerEntryRefusesAnOverdraftAndAnExceededCreditLimit) {
  Seed();  // person Id(1), company Id(2)
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(app::PostLedgerEntry(u, TopUp("tr_1", Id(1), 200)));
    ASSERT_OK(app::PostLedgerEntry(u, Debit(Id(300), Id(1), 100)));  // 121 of 200
    auto refused = app::PostLedgerEntry(u, Debit(Id(301), Id(1), 100));
    ASSERT_ERROR(refused, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(refused.error().reason, "insufficient_balance");

    app::BillingPlan plan{
        Id(2), BillingMode::kPostpaid, {{"electronic", 80}}, 250, "monthly", kT0, "operator"};
    ASSERT_OK(u.BillingPlans().Put(plan));
    ASSERT_OK(app::PostLedgerEntry(u, Debit(Id(310), Id(2), 80, BillingMode::kPostpaid)));
    ASSERT_OK(app::PostLedgerEntry(u, Debit(Id(311), Id(2), 80, BillingMode::kPostpaid)));
    auto over = app::PostLedgerEntry(u, Debit(Id(312), Id(2), 80, BillingMode::kPostpaid));
    ASSERT_ERROR(over, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(over.error().reason, "credit_limit_exceeded");
  });
  auto u = Begin();
  EXPECT_EQ(*u->Ledger().Balance(LedgerAccount::CustomerPrepaid(Id(1))), 79);
  EXPECT_EQ(*u->Ledger().Balance(LedgerAccount::CustomerReceivable(Id(2))), 2 * 97);
  auto totals = u->Ledger().Totals();
  ASSERT_OK(totals);
  EXPECT_EQ(totals->journal, totals->cached);
}

// Many senders' threads debit one balance at once, more than it holds: exactly as many debits as
// the balance covers succeed, the rest are refused, and nothing overdraws.
TEST_P(StorageContract, ConcurrentDebitsNeverOverdrawTheBalance) {
  Seed();
  InTransaction(
      [&](app::UnitOfWork& u) { ASSERT_OK(app::PostLedgerEntry(u, TopUp("tr_1", Id(1), 10000))); });
  constexpr int kThreads = 8;
  constexpr int kDebitsPerThread = 20;  // 160 × 1.21 EUR = 193.60 EUR > 100.00 EUR
  std::atomic<int> debited = 0;
  std::atomic<int> refused = 0;
  std::atomic<int> other_errors = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kDebitsPerThread; ++i) {
        auto unit = database_->Begin();
        if (!unit) {
          ++other_errors;
          continue;
        }
        auto posted = app::PostLedgerEntry(**unit, Debit(Id(1000 + t * 100 + i), Id(1), 100));
        if (posted) {
          if (auto committed = (*unit)->Commit(); !committed)
            posted = common::Fail(committed.error());
        }
        if (posted) {
          ++debited;
        } else if (posted.error().reason == "insufficient_balance") {
          ++refused;
        } else {
          ADD_FAILURE() << posted.error().ToString();
          ++other_errors;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(other_errors.load(), 0);
  EXPECT_EQ(debited.load(), 10000 / 121);  // 82
  EXPECT_EQ(refused.load(), kThreads * kDebitsPerThread - 10000 / 121);
  auto u = Begin();
  auto balance = u->Ledger().Balance(LedgerAccount::CustomerPrepaid(Id(1)));
  ASSERT_OK(balance);
  EXPECT_EQ(*balance, 10000 - 82 * 121);
  auto totals = u->Ledger().Totals();
  ASSERT_OK(totals);
  EXPECT_EQ(totals->journal, totals->cached);
  EXPECT_EQ(totals->entry_count, 1u + 82u);
}

TEST_P(StorageContract, BillingPlanIsSetAndReplaced) {
  Seed();
  app::BillingPlan plan{Id(2),
                        BillingMode::kPostpaid,
                        {{"electronic", 60}, {"paper", 120}},
                        500000,
                        "monthly",
                        kT0,
                        "operator"};
  InTransaction([&](app::UnitOfWork& u) { ASSERT_OK(u.BillingPlans().Put(plan)); });
  {
    auto u = Begin();
    auto found = u->BillingPlans().Find(Id(2));
    ASSERT_OK(found);
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->mode, BillingMode::kPostpaid);
    EXPECT_EQ((*found)->credit_limit, 500000);
    EXPECT_EQ((*found)->unit_prices.at("electronic"), 60);
    EXPECT_EQ((*found)->unit_prices.at("paper"), 120);
    EXPECT_EQ((*found)->updated_at, kT0);
    EXPECT_EQ((*found)->updated_by, "operator");
    auto none = u->BillingPlans().Find(Id(1));
    ASSERT_OK(none);
    EXPECT_FALSE(none->has_value());
  }
  plan.mode = BillingMode::kPrepaid;
  plan.unit_prices = {{"electronic", 70}};
  plan.credit_limit = 0;
  InTransaction([&](app::UnitOfWork& u) { ASSERT_OK(u.BillingPlans().Put(plan)); });
  auto u = Begin();
  auto found = u->BillingPlans().Find(Id(2));
  ASSERT_OK(found);
  EXPECT_EQ((*found)->mode, BillingMode::kPrepaid);
  EXPECT_EQ((*found)->unit_prices.size(), 1u);
  EXPECT_EQ((*found)->unit_prices.at("electronic"), 70);
}

TEST_P(StorageContract, TopUpsRoundTripAndKeepTheProviderPaymentUnique) {
  Seed();
  app::TopUp top_up{Id(400), Id(1), 2500, "mollie", "", app::TopUpStatus::kOpen, kT0, std::nullopt};
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.TopUps().Insert(top_up));
    ASSERT_OK(u.TopUps().SetProviderPaymentId(Id(400), "tr_abc"));
    ASSERT_OK(u.TopUps().SetProviderPaymentId(Id(400), "tr_abc"));  // the same again: fine
    ASSERT_ERROR(u.TopUps().SetProviderPaymentId(Id(400), "tr_other"), ErrorCode::kConflict);
    ASSERT_ERROR(u.TopUps().SetProviderPaymentId(Id(499), "tr_x"), ErrorCode::kNotFound);
    app::TopUp second{Id(401),  Id(1),       1000, "mollie", "tr_abc", app::TopUpStatus::kOpen,
                      kT0 + 1s, std::nullopt};
    ASSERT_ERROR(u.TopUps().Insert(second), ErrorCode::kConflict);
    second.provider_payment_id = "tr_def";
    ASSERT_OK(u.TopUps().Insert(second));
    ASSERT_OK(u.TopUps().UpdateStatus(Id(400), app::TopUpStatus::kPaid, kT0 + 5s));
    ASSERT_ERROR(u.TopUps().UpdateStatus(Id(499), app::TopUpStatus::kPaid, std::nullopt),
                 ErrorCode::kNotFound);
  });
  auto u = Begin();
  auto found = u->TopUps().FindByProviderPayment("mollie", "tr_abc");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, Id(400));
  EXPECT_EQ((*found)->amount, 2500);
  EXPECT_EQ((*found)->status, app::TopUpStatus::kPaid);
  ASSERT_TRUE((*found)->paid_at.has_value());
  EXPECT_EQ(*(*found)->paid_at, kT0 + 5s);
  auto missing = u->TopUps().FindByProviderPayment("stripe", "tr_abc");
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto list = u->TopUps().ListForAccount(Id(1), 10);
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, Id(401));  // newest first
  EXPECT_EQ((*list)[0].status, app::TopUpStatus::kOpen);
  EXPECT_FALSE((*list)[0].paid_at.has_value());
}

}  // namespace
}  // namespace sealpost::testing
