// An account that sends or receives registered items: a natural person or a company.
// Plain value type.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"

namespace sealpost::domain {

enum class AccountKind { kPerson, kCompany };

struct Account {
  std::string id;  // UUID
  AccountKind kind = AccountKind::kPerson;
  std::string display_name;       // company legal name, or "Given Family"
  std::string given_names;        // persons, as identified (eID / itsme)
  std::string family_name;        // persons, as identified
  std::string email;              // where notifications go
  std::string enterprise_number;  // 10 digits, companies only
  std::string national_number;    // 11 digits, persons only
  // How the holder (or the company's admin) was identified: eIDAS LoA URI and method.
  std::string assurance_level;
  std::string authentication_method;
  bool can_send = false;  // a company may send only once its subscription is approved
  common::TimePoint created_at;
};

std::string_view AccountKindName(AccountKind kind);  // "person" | "company"
std::optional<AccountKind> AccountKindFromName(std::string_view name);

}  // namespace sealpost::domain
