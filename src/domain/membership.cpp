#include "domain/membership.hpp"

#include <algorithm>

namespace sealpost::domain {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kSender:
      return "sender";
    case Role::kRecipientHandler:
      return "recipient_handler";
    case Role::kAccountant:
      return "accountant";
  }
  return "";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::optional<std::vector<Role>> ParseRoles(std::string_view names) {
  bool wanted[std::size(kAllRoles)] = {};
  bool any = false;
  while (!names.empty()) {
    const auto cut = names.find_first_of(" ,");
    const std::string_view word = names.substr(0, cut);
    names.remove_prefix(cut == std::string_view::npos ? names.size() : cut + 1);
    if (word.empty()) continue;
    auto role = RoleFromName(word);
    if (!role) return std::nullopt;
    wanted[static_cast<std::size_t>(*role)] = any = true;
  }
  if (!any) return std::nullopt;
  std::vector<Role> roles;
  for (Role r : kAllRoles) {
    if (wanted[static_cast<std::size_t>(r)]) roles.push_back(r);
  }
  return roles;
}

std::string RoleNames(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ' ';
    out += RoleName(r);
  }
  return out;
}

Permissions PermissionsOfRoles(const std::vector<Role>& roles) {
  Permissions out;
  for (Role r : roles) {
    switch (r) {
      case Role::kAdmin:
        for (Permission p : kAllPermissions) out.Add(p);
        break;
      case Role::kSender:
        out.Add({Permission::kSend, Permission::kRead});
        break;
      case Role::kRecipientHandler:
        out.Add(Permission::kInbox);
        break;
      case Role::kAccountant:
        out.Add(Permission::kBilling);
        break;
    }
  }
  return out;
}

Permissions PersonalAccountPermissions() {
  // Everything but members and company details, which a personal account does not have.
  return {Permission::kSend, Permission::kRead, Permission::kInbox, Permission::kBilling,
          Permission::kManageApiKeys};
}

bool HasAdmin(const std::vector<Membership>& members) {
  return std::any_of(members.begin(), members.end(),
                     [](const Membership& m) { return m.HasRole(Role::kAdmin); });
}

bool Membership::HasRole(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace sealpost::domain
