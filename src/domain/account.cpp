#include "domain/account.hpp"

namespace sealpost::domain {

std::string_view AccountKindName(AccountKind kind) {
  return kind == AccountKind::kCompany ? "company" : "person";
}

std::optional<AccountKind> AccountKindFromName(std::string_view name) {
  if (name == "company") return AccountKind::kCompany;
  if (name == "person") return AccountKind::kPerson;
  return std::nullopt;
}

}  // namespace sealpost::domain
