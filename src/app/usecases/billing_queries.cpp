#include "app/usecases/billing_queries.hpp"

#include <charconv>

namespace sealpost::app {

namespace {

using common::ErrorCode;
using common::Fail;

common::Result<void> RequireBilling(const Caller& caller) {
  if (!caller.Can(domain::Permission::kBilling)) {
    return Fail(ErrorCode::kPermissionDenied, "this credential may not see the billing");
  }
  return common::Ok();
}

bool LooksNumeric(std::string_view text) {
  if (text.empty()) return false;
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return false;
  for (; i < text.size(); ++i) {
    if ((text[i] < '0' || text[i] > '9') && text[i] != '.') return false;
  }
  return true;
}

}  // namespace

std::string CsvField(std::string_view text) {
  std::string value(text);
  if (!value.empty() && std::string_view("=+-@").find(value[0]) != std::string_view::npos &&
      !LooksNumeric(value)) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

BillingQueries::BillingQueries(Database& database, domain::Cents configured_electronic_net)
    : database_(database), configured_electronic_net_(configured_electronic_net) {}

common::Result<BillingTerms> BillingQueries::TermsOf(UnitOfWork& uow, const Caller& caller) {
  return BillingTermsFor(uow, caller.account.id, configured_electronic_net_);
}

common::Result<BalanceView> BillingQueries::Balance(const Caller& caller) {
  if (auto ok = RequireBilling(caller); !ok) return Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return Fail(uow.error());
  auto terms = TermsOf(**uow, caller);
  if (!terms) return Fail(terms.error());
  auto balance =
      (*uow)->Ledger().Balance(domain::CustomerAccountFor(terms->mode, caller.account.id));
  if (!balance) return Fail(balance.error());
  BalanceView view;
  view.mode = terms->mode;
  view.balance = *balance;
  view.credit_limit = terms->mode == domain::BillingMode::kPostpaid ? terms->credit_limit : 0;
  view.electronic_delivery_net = terms->electronic_delivery_net;
  return view;
}

common::Result<MovementPage> BillingQueries::Movements(const Caller& caller,
                                                       const std::string& cursor,
                                                       std::size_t limit) {
  if (auto ok = RequireBilling(caller); !ok) return Fail(ok.error());
  MovementQuery query;
  query.limit = limit + 1;  // one more tells whether there is a next page
  if (!cursor.empty()) {
    std::int64_t before = 0;
    auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), before);
    if (error != std::errc() || end != cursor.data() + cursor.size() || before <= 0) {
      return Fail(ErrorCode::kInvalidArgument, "cursor is not one this API returned");
    }
    query.before_sequence = before;
  }
  auto uow = database_.Begin();
  if (!uow) return Fail(uow.error());
  auto terms = TermsOf(**uow, caller);
  if (!terms) return Fail(terms.error());
  auto rows =
      (*uow)->Ledger().Movements(domain::CustomerAccountFor(terms->mode, caller.account.id), query);
  if (!rows) return Fail(rows.error());
  MovementPage page;
  if (rows->size() > limit) {
    rows->resize(limit);
    page.next_cursor = std::to_string(rows->back().sequence);
  }
  page.movements = std::move(*rows);
  return page;
}

common::Result<std::string> BillingQueries::MovementsCsv(const Caller& caller) {
  std::string csv = "date,entry_id,description,reference,amount_eur\r\n";
  std::string cursor;
  constexpr std::size_t kBatch = 1000;
  while (true) {
    auto page = Movements(caller, cursor, kBatch);
    if (!page) return Fail(page.error());
    for (const auto& m : page->movements) {
      csv += CsvField(common::FormatRfc3339(m.at)) + "," + CsvField(m.entry_id) + "," +
             CsvField(m.description) + "," + CsvField(m.reference) + "," +
             CsvField(domain::FormatDecimalAmount(m.amount)) + "\r\n";
    }
    if (!page->next_cursor) break;
    cursor = *page->next_cursor;
  }
  return csv;
}

}  // namespace sealpost::app
