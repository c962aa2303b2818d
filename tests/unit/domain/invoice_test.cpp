#include <gtest/gtest.h>

#include "domain/belgian_identifiers.hpp"
#include "domain/invoice.hpp"
#include "domain/invoice_number.hpp"

namespace sealpost::domain {
namespace {

using std::chrono::year;

InvoiceParty Seller() {
  return {"sealpost SRL",
          "0566988259",
          "BE0566988259",
          {"Rue de la Loi 16", "Bruxelles", "1000", "BE"}};
}

InvoiceParty Buyer() {
  return {"Volume Sender NV", "0428759497", "BE0428759497", {"Meir 1", "Antwerpen", "2000", "BE"}};
}

Invoice MonthlyInvoice() {
  Invoice invoice;
  invoice.kind = InvoiceKind::kInvoice;
  invoice.number = "2026-000042";
  invoice.issue_date = year{2026} / 12 / 1;
  invoice.due_date = year{2026} / 12 / 31;
  invoice.seller = Seller();
  invoice.buyer = Buyer();
  invoice.buyer_reference = "PO-77";
  invoice.payment = {"BE68539007547034", "", "+++202/6000/04236+++"};
  invoice.lines = {
      {"1", "Electronic registered delivery", 1234, "C62", 65, VatCategory::kStandardRate, 21},
      {"2", "Paper registered delivery: handling", 10, "C62", 150, VatCategory::kStandardRate, 21},
      {"3", "Paper registered delivery: pages", 37, "C62", 10, VatCategory::kStandardRate, 21},
  };
  return invoice;
}

TEST(InvoiceNumber, FirstOfTheYearThenConsecutiveWithoutGaps) {
  auto first = NextInvoiceNumber(2026, std::nullopt).value();
  EXPECT_EQ(first.Text(), "2026-000001");
  auto second = NextInvoiceNumber(2026, first).value();
  EXPECT_EQ(second.Text(), "2026-000002");
  EXPECT_EQ(NextInvoiceNumber(2026, InvoiceNumber{2026, 41}).value().Text(), "2026-000042");
  // A new year starts again at 1.
  EXPECT_EQ(NextInvoiceNumber(2027, std::nullopt).value().Text(), "2027-000001");
}

TEST(InvoiceNumber, RefusesAnotherYearsLastNumberAndAnExhaustedSeries) {
  EXPECT_FALSE(NextInvoiceNumber(2027, InvoiceNumber{2026, 5}).has_value());
  auto exhausted = NextInvoiceNumber(2026, InvoiceNumber{2026, InvoiceNumber::kMaxSequence});
  ASSERT_FALSE(exhausted.has_value());
  EXPECT_EQ(exhausted.error().reason, "invoice_series_exhausted");
}

TEST(InvoiceNumber, ParsesOnlyTheCanonicalForm) {
  EXPECT_EQ(InvoiceNumber::Parse("2026-000001").value(), (InvoiceNumber{2026, 1}));
  for (const char* bad : {"", "2026-1", "2026-0000001", "2026/000001", "2026-000000", "1999-000001",
                          "20a6-000001", "2026-00000x"}) {
    EXPECT_FALSE(InvoiceNumber::Parse(bad).has_value()) << bad;
  }
}

TEST(InvoiceNumber, GivesAValidStructuredCommunicationFromYearAndSequence) {
  InvoiceNumber number{2026, 42};
  std::string communication = number.StructuredCommunication();
  EXPECT_TRUE(IsValidStructuredCommunication(communication)) << communication;
  EXPECT_EQ(communication, StructuredCommunication("2026000042").value());
  EXPECT_NE(communication, InvoiceNumber({2026, 43}).StructuredCommunication());
}

TEST(InvoiceTotals, FollowTheEn16931Arithmetic) {
  auto totals = ComputeTotals(MonthlyInvoice()).value();
  // 1234 × 0.65 = 802.10; 10 × 1.50 = 15.00; 37 × 0.10 = 3.70 → 820.80
  EXPECT_EQ(totals.line_total, 82080);
  EXPECT_EQ(totals.tax_exclusive, 82080);
  ASSERT_EQ(totals.breakdown.size(), 1u);
  EXPECT_EQ(totals.breakdown[0].taxable, 82080);
  // 21 % of 820.80 = 172.368 → 172.37, computed on the category total.
  EXPECT_EQ(totals.breakdown[0].tax, 17237);
  EXPECT_EQ(totals.tax, 17237);
  EXPECT_EQ(totals.tax_inclusive, 99317);
  EXPECT_EQ(totals.payable, 99317);
}

TEST(InvoiceTotals, VatIsRoundedOnceForTheCategoryNotPerLine) {
  Invoice invoice = MonthlyInvoice();
  // Three lines of 0.50: per-line VAT would be 3 × 0.11 = 0.33; on the total 1.50 it is 0.32.
  invoice.lines = {{"1", "a", 1, "C62", 50}, {"2", "b", 1, "C62", 50}, {"3", "c", 1, "C62", 50}};
  auto totals = ComputeTotals(invoice).value();
  EXPECT_EQ(totals.tax, 32);
}

TEST(InvoiceTotals, SeparateRowsPerRateAndPrepaidAmountsReduceThePayable) {
  Invoice invoice = MonthlyInvoice();
  invoice.lines.push_back(
      {"4", "Reduced-rate item", 1, "C62", 1000, VatCategory::kStandardRate, 6});
  invoice.prepaid = 50000;
  auto totals = ComputeTotals(invoice).value();
  ASSERT_EQ(totals.breakdown.size(), 2u);
  EXPECT_EQ(totals.breakdown[1].percent, 6);
  EXPECT_EQ(totals.breakdown[1].tax, 60);
  EXPECT_EQ(totals.tax, 17237 + 60);
  EXPECT_EQ(totals.payable, 82080 + 1000 + 17297 - 50000);
  EXPECT_TRUE(ValidateInvoice(invoice).has_value());
}

TEST(ValidateInvoice, AcceptsAWellFormedMonthlyInvoice) {
  auto ok = ValidateInvoice(MonthlyInvoice());
  EXPECT_TRUE(ok.has_value()) << ok.error().ToString();
}

TEST(ValidateInvoice, RefusesWhatAnEn16931ValidatorWouldRefuse) {
  auto refused = [](auto mutate) {
    Invoice invoice = MonthlyInvoice();
    mutate(invoice);
    auto result = ValidateInvoice(invoice);
    return !result.has_value() && result.error().reason == "invalid_invoice";
  };
  EXPECT_TRUE(refused([](Invoice& i) { i.lines.clear(); }));
  EXPECT_TRUE(refused([](Invoice& i) { i.number = "42"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.seller.enterprise_number = "0566988258"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.seller.vat_id = ""; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.buyer.vat_id = "BE0428759498"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.buyer.address.country_code = "Belgium"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.buyer.name = ""; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.lines[1].id = "1"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.lines[0].quantity = 0; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.lines[0].unit_price = -1; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.lines[0].vat_percent = 0; }));
  EXPECT_TRUE(refused([](Invoice& i) {
    i.lines.push_back({"9", "x", 1, "C62", 100, VatCategory::kNotSubjectToVat, 0});
  }));
  EXPECT_TRUE(refused([](Invoice& i) { i.due_date.reset(); }));
  EXPECT_TRUE(refused([](Invoice& i) { i.due_date = year{2026} / 11 / 30; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.prepaid = -1; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.prepaid = 99318; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.payment.iban = "BE68539007547035"; }));
  EXPECT_TRUE(
      refused([](Invoice& i) { i.payment.structured_communication = "+++202/6000/04237+++"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.kind = InvoiceKind::kCreditNote; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.corrected_invoice_number = "2026-000001"; }));
  EXPECT_TRUE(refused([](Invoice& i) { i.period_start = year{2026} / 11 / 1; }));
}

TEST(ValidateInvoice, PaymentTermsMayReplaceTheDueDateAndNothingIsNeededWhenPaid) {
  Invoice invoice = MonthlyInvoice();
  invoice.due_date.reset();
  invoice.payment_terms = "Payable within 30 days";
  EXPECT_TRUE(ValidateInvoice(invoice).has_value());
  invoice.payment_terms.clear();
  invoice.prepaid = ComputeTotals(invoice)->tax_inclusive;
  EXPECT_TRUE(ValidateInvoice(invoice).has_value());
}

TEST(ValidateInvoice, ACreditNoteNamesTheInvoiceItCorrects) {
  Invoice credit = MonthlyInvoice();
  credit.kind = InvoiceKind::kCreditNote;
  credit.number = "2026-000043";
  credit.corrected_invoice_number = "2026-000042";
  credit.corrected_invoice_date = year{2026} / 12 / 1;
  EXPECT_TRUE(ValidateInvoice(credit).has_value());
}

TEST(Iban, ChecksCountryLengthAndMod97) {
  EXPECT_TRUE(IsValidIban("BE68539007547034"));
  EXPECT_TRUE(IsValidIban("NL91ABNA0417164300"));
  EXPECT_FALSE(IsValidIban("BE68539007547035"));
  EXPECT_FALSE(IsValidIban("BE68 5390 0754 7034"));
  EXPECT_FALSE(IsValidIban("be68539007547034"));
  EXPECT_FALSE(IsValidIban(""));
}

TEST(TopUpReceipt, IsPaidInFullNotSubjectToVatAndCarriesTheStructuredCommunication) {
  auto receipt = MakeTopUpReceipt("2026-000007", year{2026} / 11 / 27, Seller(), Buyer(),
                                  "account 42", "BE68539007547034", 5000, "mollie tr_WDqYK6vllg");
  ASSERT_TRUE(receipt.has_value()) << receipt.error().ToString();
  EXPECT_EQ(receipt->kind, InvoiceKind::kTopUpReceipt);
  auto totals = ComputeTotals(*receipt).value();
  EXPECT_EQ(totals.tax_inclusive, 5000);
  EXPECT_EQ(totals.tax, 0);
  EXPECT_EQ(totals.payable, 0);
  ASSERT_EQ(totals.breakdown.size(), 1u);
  EXPECT_EQ(VatCategoryCode(totals.breakdown[0].category), "O");
  EXPECT_FALSE(totals.breakdown[0].exemption_reason.empty());
  EXPECT_EQ(receipt->payment.structured_communication,
            InvoiceNumber({2026, 7}).StructuredCommunication());
  EXPECT_FALSE(MakeTopUpReceipt("2026-000007", year{2026} / 11 / 27, Seller(), Buyer(), "",
                                "BE68539007547034", 0, "x")
                   .has_value());
}

}  // namespace
}  // namespace sealpost::domain
