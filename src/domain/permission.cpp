#include "domain/permission.hpp"

namespace sealpost::domain {

std::string_view PermissionName(Permission permission) {
  switch (permission) {
    case Permission::kSend:
      return "send";
    case Permission::kRead:
      return "read";
    case Permission::kInbox:
      return "inbox";
    case Permission::kBilling:
      return "billing";
    case Permission::kManageMembers:
      return "members";
    case Permission::kManageApiKeys:
      return "api-keys";
    case Permission::kManageCompany:
      return "company";
  }
  return "";
}

std::optional<Permission> PermissionFromName(std::string_view name) {
  for (Permission p : kAllPermissions) {
    if (PermissionName(p) == name) return p;
  }
  return std::nullopt;
}

Permissions Permissions::FromScopes(std::string_view scopes) {
  Permissions out;
  while (!scopes.empty()) {
    const auto space = scopes.find(' ');
    const std::string_view word = scopes.substr(0, space);
    scopes.remove_prefix(space == std::string_view::npos ? scopes.size() : space + 1);
    auto p = PermissionFromName(word);
    // Only the four API scopes can be granted to a key; a stored "members" would be a bug.
    if (p && (*p == Permission::kSend || *p == Permission::kRead || *p == Permission::kInbox ||
              *p == Permission::kBilling)) {
      out.Add(*p);
    }
  }
  return out;
}

std::string Permissions::Names() const {
  std::string out;
  for (Permission p : kAllPermissions) {
    if (!Has(p)) continue;
    if (!out.empty()) out += ' ';
    out += PermissionName(p);
  }
  return out;
}

}  // namespace sealpost::domain
