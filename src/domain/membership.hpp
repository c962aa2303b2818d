// A person's membership of a company account and the roles it carries (PRODUCT §1, §3). Roles
// map to permissions here and nowhere else. A personal account has no members: its holder has
// every permission on it. Plain value types and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "domain/permission.hpp"

namespace sealpost::domain {

enum class Role : std::uint8_t {
  kAdmin,             // everything: members, API keys, company, billing, sending, inbox
  kSender,            // sends and follows the company's items
  kRecipientHandler,  // accepts and opens items addressed to the company
  kAccountant,        // billing only
};

inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kSender, Role::kRecipientHandler,
                                     Role::kAccountant};

// "admin", "sender", "recipient_handler", "accountant".
std::string_view RoleName(Role role);
std::optional<Role> RoleFromName(std::string_view name);

// Space-separated role names → roles, each once, in kAllRoles order. nullopt for an unknown name
// or an empty list (a member without a role could do nothing and would only confuse).
std::optional<std::vector<Role>> ParseRoles(std::string_view names);
std::string RoleNames(const std::vector<Role>& roles);

Permissions PermissionsOfRoles(const std::vector<Role>& roles);
// What the holder of a personal account may do on it.
Permissions PersonalAccountPermissions();

struct Membership;
// A company must always keep at least one admin (nobody could manage it otherwise).
bool HasAdmin(const std::vector<Membership>& members);

struct Membership {
  std::string company_account_id;
  std::string person_account_id;
  std::vector<Role> roles;  // never empty, kAllRoles order
  common::TimePoint joined_at;
  std::string added_by;  // account id of the admin who invited (or created the company)

  bool HasRole(Role role) const;
};

}  // namespace sealpost::domain
