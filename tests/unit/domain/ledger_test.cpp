#include <gtest/gtest.h>

#include <vector>

#include "domain/ledger_account.hpp"
#include "domain/ledger_balances.hpp"
#include "domain/ledger_entry.hpp"
#include "domain/ledger_standard_entries.hpp"

namespace sealpost::domain {
namespace {

const common::TimePoint kAt{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}};
constexpr const char* kCustomer = "0b6f3c1e-5d2a-4b7e-9c1a-2f3e4d5c6b7a";

JournalEntry TopUp(const char* payment_id, Cents gross) {
  return TopUpPaidEntry("mollie", payment_id, kCustomer, gross, kAt).value();
}

DeliveryCharge Electronic(std::string delivery_id, BillingMode mode = BillingMode::kPrepaid) {
  return {std::move(delivery_id),          kCustomer, mode, 80, kStandardVatPercent,
          "Electronic registered delivery"};
}

Cents SumOfPostings(const JournalEntry& entry) {
  Cents sum = 0;
  for (const Posting& p : entry.postings()) sum += p.amount;
  return sum;
}

TEST(LedgerAccount, KeysRoundTripAndOwnersAreRequiredExactlyWhereNeeded) {
  for (const LedgerAccount& account :
       {LedgerAccount::PspClearing("stripe"), LedgerAccount::CustomerPrepaid(kCustomer),
        LedgerAccount::CustomerReceivable(kCustomer), LedgerAccount::Revenue(),
        LedgerAccount::VatPayable()}) {
    auto back = LedgerAccount::FromKey(account.Key());
    ASSERT_TRUE(back.has_value()) << account.Key();
    EXPECT_EQ(*back, account);
  }
  EXPECT_EQ(LedgerAccount::CustomerPrepaid("abc").Key(), "customer_prepaid:abc");
  EXPECT_FALSE(LedgerAccount::FromKey("customer_prepaid").has_value());
  EXPECT_FALSE(LedgerAccount::FromKey("revenue:someone").has_value());
  EXPECT_FALSE(LedgerAccount::FromKey("cash:drawer").has_value());
  EXPECT_FALSE(LedgerAccount::PspClearing("a:b").Validate().has_value());
}

TEST(JournalEntry, MustBalanceToZero) {
  auto unbalanced = JournalEntry::Create("id", kAt, "x", "ref",
                                         {{LedgerAccount::PspClearing("mollie"), 1000},
                                          {LedgerAccount::CustomerPrepaid(kCustomer), -999}});
  ASSERT_FALSE(unbalanced.has_value());
  EXPECT_EQ(unbalanced.error().reason, "invalid_journal_entry");
  EXPECT_NE(unbalanced.error().message.find("0.01"), std::string::npos);
}

TEST(JournalEntry, RefusesEmptyOneSidedZeroDuplicateAndNamelessEntries) {
  auto clearing = LedgerAccount::PspClearing("mollie");
  auto prepaid = LedgerAccount::CustomerPrepaid(kCustomer);
  EXPECT_FALSE(JournalEntry::Create("id", kAt, "", "", {}).has_value());
  EXPECT_FALSE(JournalEntry::Create("id", kAt, "", "", {{clearing, 0}}).has_value());
  EXPECT_FALSE(JournalEntry::Create("id", kAt, "", "", {{clearing, 0}, {prepaid, 0}}).has_value());
  EXPECT_FALSE(
      JournalEntry::Create("id", kAt, "", "", {{clearing, 5}, {clearing, -5}}).has_value());
  EXPECT_FALSE(JournalEntry::Create("", kAt, "", "", {{clearing, 5}, {prepaid, -5}}).has_value());
  EXPECT_FALSE(
      JournalEntry::Create("id", kAt, "", "",
                           {{clearing, 5}, {LedgerAccount{LedgerAccountKind::kRevenue, "x"}, -5}})
          .has_value());
  // Amounts that only balance after an overflow are refused.
  EXPECT_FALSE(JournalEntry::Create("id", kAt, "", "",
                                    {{clearing, std::numeric_limits<Cents>::max()},
                                     {prepaid, std::numeric_limits<Cents>::max()},
                                     {LedgerAccount::Revenue(), 2}})
                   .has_value());
}

TEST(StandardEntries, EveryEntryBalancesAndMovesTheRightAccounts) {
  auto top_up = TopUp("tr_1", 5000);
  auto prepaid_debit = DeliveryDebitEntry(Electronic("d1"), kAt).value();
  auto postpaid_debit = DeliveryDebitEntry(Electronic("d2", BillingMode::kPostpaid), kAt).value();
  auto paid = ReceivablePaidEntry("bank", "stmt-7", kCustomer, 97, kAt).value();
  auto refund = TopUpRefundedEntry("mollie", "re_1", kCustomer, 1000, kAt).value();
  auto credit =
      CreditNoteEntry("2026-000009", kCustomer, BillingMode::kPrepaid, 80, 17, kAt).value();
  for (const JournalEntry& e : {top_up, prepaid_debit, postpaid_debit, paid, refund, credit}) {
    EXPECT_EQ(SumOfPostings(e), 0) << e.description();
  }
  EXPECT_EQ(top_up.AmountFor(LedgerAccount::PspClearing("mollie")), 5000);
  EXPECT_EQ(top_up.AmountFor(LedgerAccount::CustomerPrepaid(kCustomer)), -5000);
  EXPECT_EQ(top_up.reference(), "mollie:tr_1");
  // 0.80 net + 0.17 VAT (16.8 cents rounded) leaves the prepaid balance.
  EXPECT_EQ(prepaid_debit.AmountFor(LedgerAccount::CustomerPrepaid(kCustomer)), 97);
  EXPECT_EQ(prepaid_debit.AmountFor(LedgerAccount::Revenue()), -80);
  EXPECT_EQ(prepaid_debit.AmountFor(LedgerAccount::VatPayable()), -17);
  EXPECT_EQ(postpaid_debit.AmountFor(LedgerAccount::CustomerReceivable(kCustomer)), 97);
  EXPECT_EQ(credit.AmountFor(LedgerAccount::CustomerPrepaid(kCustomer)), -97);
  EXPECT_EQ(credit.AmountFor(LedgerAccount::VatPayable()), 17);
}

TEST(StandardEntries, ACreditNoteLowersWhatAPostpaidCustomerOwes) {
  LedgerBalances balances;
  CreditLimits limits;
  limits.by_customer[kCustomer] = 10000;
  auto debit = DeliveryDebitEntry(Electronic("p1", BillingMode::kPostpaid), kAt).value();
  ASSERT_TRUE(balances.Apply(debit, limits).has_value());
  auto credit =
      CreditNoteEntry("2026-000010", kCustomer, BillingMode::kPostpaid, 80, 17, kAt).value();
  ASSERT_TRUE(balances.Apply(credit, limits).has_value());
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerReceivable(kCustomer)), 0);
  EXPECT_EQ(balances.Of(LedgerAccount::Revenue()), 0);
  EXPECT_EQ(balances.Of(LedgerAccount::VatPayable()), 0);
  EXPECT_FALSE(
      CreditNoteEntry("2026-000011", kCustomer, BillingMode::kPostpaid, 80, -1, kAt).has_value());
}

TEST(StandardEntries, RefuseZeroAndNegativeAmounts) {
  EXPECT_FALSE(TopUpPaidEntry("mollie", "tr_1", kCustomer, 0, kAt).has_value());
  EXPECT_FALSE(TopUpPaidEntry("mollie", "tr_1", kCustomer, -100, kAt).has_value());
  auto free = Electronic("d1");
  free.net = 0;
  EXPECT_FALSE(DeliveryDebitEntry(free, kAt).has_value());
}

TEST(TransferId, IsDeterministicSoAReplayedWebhookMapsToTheSameEntry) {
  EXPECT_EQ(TopUp("tr_WDqYK6vllg", 1000).id(), TopUp("tr_WDqYK6vllg", 1000).id());
  EXPECT_EQ(TopUpTransferId("mollie", "tr_x"), TopUpTransferId("mollie", "tr_x"));
  EXPECT_NE(TopUpTransferId("mollie", "tr_x"), TopUpTransferId("mollie", "tr_y"));
  EXPECT_NE(TopUpTransferId("mollie", "tr_x"), TopUpTransferId("stripe", "tr_x"));
  EXPECT_NE(TopUpTransferId("mollie", "tr_x"), RefundTransferId("mollie", "tr_x"));
  // Part boundaries matter: ("a:b","c") and ("a","b:c") differ.
  EXPECT_NE(DeriveTransferId("p", "a:b", "c"), DeriveTransferId("p", "a", "b:c"));
  EXPECT_EQ(DeliveryDebitEntry(Electronic("d1"), kAt)->id(), DeliveryDebitTransferId("d1"));
}

TEST(Replay, TheSameWebhookLaterIsAHarmlessReplayButAnotherAmountIsAConflict) {
  auto first = TopUpPaidEntry("mollie", "tr_1", kCustomer, 1000, kAt).value();
  auto replay =
      TopUpPaidEntry("mollie", "tr_1", kCustomer, 1000, kAt + std::chrono::hours(2)).value();
  ASSERT_EQ(replay.id(), first.id());
  EXPECT_TRUE(CheckReplay(replay, first).has_value());
  auto other_amount = TopUpPaidEntry("mollie", "tr_1", kCustomer, 2000, kAt).value();
  ASSERT_EQ(other_amount.id(), first.id());
  auto conflict = CheckReplay(other_amount, first);
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, common::ErrorCode::kConflict);
  EXPECT_EQ(conflict.error().reason, "transfer_id_conflict");
}

TEST(Replay, RecordingOnlyNewIdsCreditsAReplayedWebhookOnce) {
  // What storage does with its unique key on the entry id, played out in memory.
  std::vector<JournalEntry> journal;
  auto record = [&journal](const JournalEntry& entry) {
    for (const JournalEntry& recorded : journal) {
      if (recorded.id() == entry.id()) return CheckReplay(entry, recorded);
    }
    journal.push_back(entry);
    return common::Ok();
  };
  for (int delivery = 0; delivery < 3; ++delivery) {
    ASSERT_TRUE(record(TopUp("tr_1", 1000)).has_value());
  }
  EXPECT_EQ(BalanceOf(LedgerAccount::CustomerPrepaid(kCustomer), journal).value(), 1000);
}

TEST(TransferId, IsAVersion8Uuid) {
  std::string id = TopUpTransferId("mollie", "tr_x");
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[14], '8');
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
}

TEST(Balances, DerivedFromTheJournalOnEachAccountsNormalSide) {
  std::vector<JournalEntry> journal{TopUp("tr_1", 5000), TopUp("tr_2", 2000),
                                    DeliveryDebitEntry(Electronic("d1"), kAt).value()};
  EXPECT_EQ(BalanceOf(LedgerAccount::CustomerPrepaid(kCustomer), journal).value(),
            5000 + 2000 - 97);
  EXPECT_EQ(BalanceOf(LedgerAccount::PspClearing("mollie"), journal).value(), 7000);
  EXPECT_EQ(BalanceOf(LedgerAccount::Revenue(), journal).value(), 80);
  EXPECT_EQ(BalanceOf(LedgerAccount::VatPayable(), journal).value(), 17);
  EXPECT_EQ(BalanceOf(LedgerAccount::CustomerPrepaid("someone else"), journal).value(), 0);
  auto balances = LedgerBalances::FromJournal(journal).value();
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 6903);
  // The books balance: assets (debit side) equal liabilities and income (credit side).
  EXPECT_EQ(balances.Of(LedgerAccount::PspClearing("mollie")),
            balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)) +
                balances.Of(LedgerAccount::Revenue()) + balances.Of(LedgerAccount::VatPayable()));
}

TEST(Balances, ADebitThatWouldOverdrawThePrepaidBalanceIsRefusedAndChangesNothing) {
  LedgerBalances balances;
  ASSERT_TRUE(balances.Apply(TopUp("tr_1", 100), {}).has_value());
  ASSERT_TRUE(balances.Apply(DeliveryDebitEntry(Electronic("d1"), kAt).value(), {}).has_value());
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 3);
  auto refused = balances.Apply(DeliveryDebitEntry(Electronic("d2"), kAt).value(), {});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, common::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().reason, "insufficient_balance");
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 3);
  EXPECT_EQ(balances.Of(LedgerAccount::Revenue()), 80);
}

TEST(Balances, ManyDebitsInSequenceNeverOverdrawOneBalance) {
  // 10.00 EUR covers ten deliveries at 0.97 (9.70); the eleventh and later ones are refused.
  LedgerBalances balances;
  ASSERT_TRUE(balances.Apply(TopUp("tr_1", 1000), {}).has_value());
  int accepted = 0;
  for (int i = 0; i < 50; ++i) {
    auto debit = DeliveryDebitEntry(Electronic("d" + std::to_string(i)), kAt).value();
    if (balances.Apply(debit, {})) ++accepted;
    ASSERT_GE(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 0);
  }
  EXPECT_EQ(accepted, 10);
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 30);
  EXPECT_EQ(balances.Of(LedgerAccount::Revenue()), 800);
}

TEST(Balances, AnExactlyCoveredDebitLeavesZero) {
  LedgerBalances balances;
  ASSERT_TRUE(balances.Apply(TopUp("tr_1", 97), {}).has_value());
  EXPECT_TRUE(balances.Apply(DeliveryDebitEntry(Electronic("d1"), kAt).value(), {}).has_value());
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 0);
}

TEST(Balances, PostpaidCustomersStayWithinTheirCreditLimit) {
  CreditLimits limits;
  limits.by_customer[kCustomer] = 200;  // two deliveries at 0.97 fit, the third does not
  LedgerBalances balances;
  auto debit = [](int i) {
    return DeliveryDebitEntry(Electronic("p" + std::to_string(i), BillingMode::kPostpaid), kAt)
        .value();
  };
  EXPECT_TRUE(balances.Apply(debit(1), limits).has_value());
  EXPECT_TRUE(balances.Apply(debit(2), limits).has_value());
  auto third = balances.Apply(debit(3), limits);
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().reason, "credit_limit_exceeded");
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerReceivable(kCustomer)), 194);
  // Without a billing plan there is no credit at all.
  EXPECT_FALSE(LedgerBalances().Apply(debit(4), {}).has_value());
}

TEST(Balances, PaymentsAndTopUpsAreAllowedEvenWhenTheRuleIsAlreadyBroken) {
  // The operator lowered the limit below what the customer owes: paying must still work.
  LedgerBalances balances;
  balances.Set(LedgerAccount::CustomerReceivable(kCustomer), 5000);
  CreditLimits limits;
  limits.by_customer[kCustomer] = 1000;
  EXPECT_TRUE(
      balances.Apply(ReceivablePaidEntry("bank", "stmt-1", kCustomer, 1000, kAt).value(), limits)
          .has_value());
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerReceivable(kCustomer)), 4000);
  EXPECT_FALSE(
      balances
          .Apply(DeliveryDebitEntry(Electronic("p", BillingMode::kPostpaid), kAt).value(), limits)
          .has_value());
}

TEST(Balances, ARefundCannotReturnMoreThanTheUnusedBalance) {
  LedgerBalances balances;
  ASSERT_TRUE(balances.Apply(TopUp("tr_1", 1000), {}).has_value());
  ASSERT_TRUE(balances.Apply(DeliveryDebitEntry(Electronic("d1"), kAt).value(), {}).has_value());
  EXPECT_FALSE(
      balances.Apply(TopUpRefundedEntry("mollie", "re_1", kCustomer, 1000, kAt).value(), {})
          .has_value());
  EXPECT_TRUE(balances.Apply(TopUpRefundedEntry("mollie", "re_1", kCustomer, 903, kAt).value(), {})
                  .has_value());
  EXPECT_EQ(balances.Of(LedgerAccount::CustomerPrepaid(kCustomer)), 0);
}

TEST(VatRounding, ReturnsWhatTheLedgerBookedAboveTheInvoicedVat) {
  // 100 deliveries at 0.80: the ledger booked 100 × 0.17, the invoice states 21 % of 80.00.
  auto adjustment =
      VatRoundingAdjustmentEntry("2026-000010", kCustomer, BillingMode::kPrepaid, 1700, 1680, kAt);
  ASSERT_TRUE(adjustment.has_value());
  EXPECT_EQ(adjustment->AmountFor(LedgerAccount::VatPayable()), 20);
  EXPECT_EQ(adjustment->AmountFor(LedgerAccount::CustomerPrepaid(kCustomer)), -20);
  EXPECT_EQ(adjustment->id(), VatRoundingTransferId("2026-000010"));
  EXPECT_EQ(VatRoundingAdjustmentEntry("2026-000010", kCustomer, BillingMode::kPrepaid, 5, 5, kAt)
                .error()
                .reason,
            "nothing_to_adjust");
}

}  // namespace
}  // namespace sealpost::domain
