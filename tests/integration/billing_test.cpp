// The ledger seen from outside (issue 7), against the real binary in demo mode: the demo company's
// EUR 1,000 credit, the debit of each delivery at submission (VAT included), 402 with nothing
// created when the balance or a postpaid plan's credit limit does not cover an item, the balance
// and movements routes with their CSV export, and `sealpost admin check-ledger` finding a tampered
// balance or an unbalanced entry (the tampering is done with the sqlite3 tool).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/browser_session.hpp"
#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kEmile = "85.07.30-033.28";  // admin of Demo Sender NV
constexpr const char* kSenderEnterpriseNumber = "0403019261";

class BillingTest : public IntegrationTest {
 protected:
  void SetUp() override {
    StartServer();
    emile_ = SignInAsDemoCitizen(client(), kEmile);
    ActForCompany(client(), emile_, "Demo Sender NV");
  }

  Response Get(const std::string& path) {
    return client().Raw("GET", path, "", "", emile_.Headers(false));
  }
  json Balance() {
    Response r = Get("/api/v1/balance");
    EXPECT_EQ(r.status, 200) << r.Describe();
    return r.Json();
  }
  CommandResult Admin(const std::string& args) {
    return RunCommand(std::string(SEALPOST_BINARY) + " admin " + args + " --demo --data " +
                      ShellQuote(data_dir().string()));
  }
  CommandResult Sql(const std::string& statement) {
    return RunCommand("sqlite3 " + ShellQuote((data_dir() / "sealpost.db").string()) + " " +
                      ShellQuote(statement));
  }

  BrowserSession emile_;
};

TEST_F(BillingTest, EachDeliveryIsDebitedAndTheMovementsExportAsCsv) {
  json before = Balance();
  EXPECT_EQ(before["currency"], "EUR");
  EXPECT_EQ(before["billing_mode"], "prepaid");
  EXPECT_EQ(before["balance_cents"], 100000) << "the demo company starts with EUR 1,000";
  EXPECT_EQ(before["electronic_delivery_price_cents"], 450);
  EXPECT_EQ(before["vat_percent"], 21);
  EXPECT_TRUE(before["credit_limit_cents"].is_null());

  json item = SubmitToDemoRecipient("Factuur 2026-17", SmallPdf());
  const std::string delivery_id = item["deliveries"][0]["id"];
  // 4.50 + 21 % VAT (0.945, rounded half up to 0.95) = 5.45.
  EXPECT_EQ(Balance()["balance_cents"], 100000 - 545);

  Response page = Get("/api/v1/movements?limit=1");
  ASSERT_EQ(page.status, 200) << page.Describe();
  json first = page.Json();
  ASSERT_EQ(first["items"].size(), 1u);
  EXPECT_EQ(first["items"][0]["amount_cents"], -545);
  EXPECT_EQ(first["items"][0]["reference"], "delivery:" + delivery_id);
  ASSERT_TRUE(first["next_cursor"].is_string());
  json second =
      Get("/api/v1/movements?limit=1&cursor=" + first["next_cursor"].get<std::string>()).Json();
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["amount_cents"], 100000);
  EXPECT_TRUE(second["next_cursor"].is_null());
  EXPECT_EQ(Get("/api/v1/movements?cursor=abc").status, 400);
  EXPECT_EQ(Get("/api/v1/movements?limit=0").status, 400);

  Response csv = Get("/api/v1/movements?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.Describe();
  EXPECT_THAT(csv.Header("content-type"), HasSubstr("text/csv"));
  EXPECT_THAT(csv.Header("content-disposition"), HasSubstr("attachment"));
  const std::vector<std::string> lines = [&] {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t end; (end = csv.body.find("\r\n", start)) != std::string::npos;
         start = end + 2) {
      out.push_back(csv.body.substr(start, end - start));
    }
    EXPECT_EQ(start, csv.body.size()) << "every line ends with CRLF";
    return out;
  }();
  ASSERT_EQ(lines.size(), 3u) << csv.body;
  EXPECT_EQ(lines[0], "date,entry_id,description,reference,amount_eur");
  EXPECT_THAT(lines[1], ::testing::MatchesRegex(
                            R"(20[0-9-]+T[0-9:.]+Z,[0-9a-f-]{36},Electronic registered delivery,)"
                            R"(delivery:[0-9a-f-]{36},-5\.45)"));
  EXPECT_THAT(lines[2], ::testing::EndsWith(",1000.00"));

  CommandResult check = Admin("check-ledger");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_THAT(check.output, HasSubstr("the ledger is sound"));
}

TEST_F(BillingTest, AnItemTheBalanceOrCreditLimitDoesNotCoverIsRefusedWithNothingCreated) {
  const std::size_t items_before = SenderItemIds().size();
  // An operator sets a plan whose price the balance cannot pay (EUR 2,000 per delivery).
  CommandResult plan = Admin(std::string("set-billing-plan ") + kSenderEnterpriseNumber +
                             " prepaid --electronic-price 2000");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  Response refused = client().Submit(sender(), DemoItemJson("Te duur"), {SmallPdf()});
  ASSERT_EQ(refused.status, 402) << refused.Describe();
  EXPECT_THAT(refused.Header("content-type"), HasSubstr("application/problem+json"));
  EXPECT_EQ(refused.Json()["type"], "https://sealpost.eu/problems/insufficient_balance");
  EXPECT_EQ(refused.Json()["status"], 402);
  EXPECT_EQ(SenderItemIds().size(), items_before) << "no item was created";
  EXPECT_EQ(Balance()["balance_cents"], 100000) << "nothing was debited";

  // Postpaid with a credit limit of EUR 10: one delivery (5.45) fits, a second does not.
  plan = Admin(std::string("set-billing-plan ") + kSenderEnterpriseNumber +
               " postpaid --credit-limit 10");
  ASSERT_EQ(plan.exit_code, 0) << plan.output;
  SubmitToDemoRecipient("Op krediet", SmallPdf());
  Response over = client().Submit(sender(), DemoItemJson("Boven de limiet"), {SmallPdf()});
  ASSERT_EQ(over.status, 402) << over.Describe();
  EXPECT_EQ(over.Json()["type"], "https://sealpost.eu/problems/credit_limit_exceeded");
  json balance = Balance();
  EXPECT_EQ(balance["billing_mode"], "postpaid");
  EXPECT_EQ(balance["balance_cents"], 545) << "what the company owes";
  EXPECT_EQ(balance["credit_limit_cents"], 1000);
  EXPECT_EQ(SenderItemIds().size(), items_before + 1);

  EXPECT_EQ(Admin("set-billing-plan 0403019261 prepaid --credit-limit 5").exit_code, 1)
      << "a prepaid plan has no credit limit";
  EXPECT_EQ(Admin("set-billing-plan 0403019261 sometimes").exit_code, 2);
  EXPECT_EQ(Admin("check-ledger").exit_code, 0);
}

TEST_F(BillingTest, CheckLedgerListsEveryDiscrepancy) {
  SubmitToDemoRecipient("Controle", SmallPdf());
  ASSERT_EQ(Admin("check-ledger").exit_code, 0);
  // A cached balance that no longer equals the journal, and an entry that does not balance.
  CommandResult tampered =
      Sql("UPDATE ledger_balances SET balance_cents = balance_cents + 1 WHERE account_key = "
          "'revenue'; INSERT INTO ledger_entries (id, at, description, reference) VALUES "
          "('bad-entry', 0, 'x', 'x'); INSERT INTO ledger_postings (entry_id, position, "
          "account_key, amount_cents) VALUES ('bad-entry', 0, 'vat_payable', 7);");
  ASSERT_EQ(tampered.exit_code, 0) << tampered.output;
  CommandResult check = Admin("check-ledger");
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_THAT(check.output, HasSubstr("DISCREPANCY revenue: cached balance 4.51 EUR differs from "
                                      "the journal's 4.50 EUR"));
  EXPECT_THAT(check.output, HasSubstr("DISCREPANCY entry bad-entry: postings sum to 0.07 EUR"));
  EXPECT_THAT(check.output, HasSubstr("DISCREPANCY vat_payable: cached balance"));
  EXPECT_THAT(check.output, HasSubstr("3 discrepancies"));
}

}  // namespace
}  // namespace sealpost::integration
