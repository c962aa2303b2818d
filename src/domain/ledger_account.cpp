#include "domain/ledger_account.hpp"

#include <array>
#include <utility>

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

constexpr std::array<std::pair<LedgerAccountKind, std::string_view>, 5> kNames = {{
    {LedgerAccountKind::kPspClearing, "psp_clearing"},
    {LedgerAccountKind::kCustomerPrepaid, "customer_prepaid"},
    {LedgerAccountKind::kCustomerReceivable, "customer_receivable"},
    {LedgerAccountKind::kRevenue, "revenue"},
    {LedgerAccountKind::kVatPayable, "vat_payable"},
}};

bool NeedsOwner(LedgerAccountKind kind) {
  return kind == LedgerAccountKind::kPspClearing || kind == LedgerAccountKind::kCustomerPrepaid ||
         kind == LedgerAccountKind::kCustomerReceivable;
}

}  // namespace

NormalSide NormalSideOf(LedgerAccountKind kind) {
  switch (kind) {
    case LedgerAccountKind::kPspClearing:
    case LedgerAccountKind::kCustomerReceivable:
      return NormalSide::kDebit;
    case LedgerAccountKind::kCustomerPrepaid:
    case LedgerAccountKind::kRevenue:
    case LedgerAccountKind::kVatPayable:
      return NormalSide::kCredit;
  }
  return NormalSide::kCredit;
}

std::string_view LedgerAccountKindName(LedgerAccountKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

LedgerAccount LedgerAccount::PspClearing(std::string_view provider) {
  return {LedgerAccountKind::kPspClearing, std::string(provider)};
}
LedgerAccount LedgerAccount::CustomerPrepaid(std::string_view customer_account_id) {
  return {LedgerAccountKind::kCustomerPrepaid, std::string(customer_account_id)};
}
LedgerAccount LedgerAccount::CustomerReceivable(std::string_view customer_account_id) {
  return {LedgerAccountKind::kCustomerReceivable, std::string(customer_account_id)};
}
LedgerAccount LedgerAccount::Revenue() { return {LedgerAccountKind::kRevenue, {}}; }
LedgerAccount LedgerAccount::VatPayable() { return {LedgerAccountKind::kVatPayable, {}}; }

std::string LedgerAccount::Key() const {
  std::string key(LedgerAccountKindName(kind));
  if (!owner.empty()) key += ":" + owner;
  return key;
}

common::Result<LedgerAccount> LedgerAccount::FromKey(std::string_view key) {
  auto colon = key.find(':');
  std::string_view kind_name = key.substr(0, colon);
  for (const auto& [kind, name] : kNames) {
    if (name != kind_name) continue;
    LedgerAccount account{
        kind, colon == std::string_view::npos ? std::string() : std::string(key.substr(colon + 1))};
    if (auto ok = account.Validate(); !ok) return Fail(ok.error());
    return account;
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown ledger account kind in key",
              "invalid_ledger_account");
}

common::Result<void> LedgerAccount::Validate() const {
  if (NeedsOwner(kind) == owner.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("a ") + std::string(LedgerAccountKindName(kind)) +
                    (NeedsOwner(kind) ? " account needs an owner" : " account has no owner"),
                "invalid_ledger_account");
  }
  for (unsigned char c : owner) {
    if (c == ':' || c < 0x20 || c == 0x7f) {
      return Fail(ErrorCode::kInvalidArgument, "a ledger account owner has no ':' or control chars",
                  "invalid_ledger_account");
    }
  }
  return common::Ok();
}

}  // namespace sealpost::domain
