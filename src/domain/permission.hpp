// What a caller may do, whatever authenticated it. API key scopes and company roles both reduce
// to a Permissions set, so every use case checks one thing (PRODUCT §1–§3). Plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sealpost::domain {

enum class Permission : std::uint8_t {
  kSend,           // submit registered items
  kRead,           // follow the items the account sent, download their proofs
  kInbox,          // take over items addressed to the account (recipient handler)
  kBilling,        // balance, movements, invoices
  kManageMembers,  // invite, set roles, remove (company admins)
  kManageApiKeys,  // create and revoke API keys (never through an API key)
  kManageCompany,  // company details and the subscription request
};

inline constexpr Permission kAllPermissions[] = {
    Permission::kSend,         Permission::kRead,          Permission::kInbox,
    Permission::kBilling,      Permission::kManageMembers, Permission::kManageApiKeys,
    Permission::kManageCompany};

// "send", "read", "inbox", "billing", "members", "api-keys", "company".
std::string_view PermissionName(Permission permission);
std::optional<Permission> PermissionFromName(std::string_view name);

class Permissions {
 public:
  constexpr Permissions() = default;
  constexpr Permissions(std::initializer_list<Permission> list) {
    for (Permission p : list) Add(p);
  }
  // The permissions of an API key's space-separated scopes; unknown words grant nothing.
  static Permissions FromScopes(std::string_view scopes);

  constexpr bool Has(Permission p) const { return (bits_ & Bit(p)) != 0; }
  constexpr void Add(Permission p) { bits_ |= Bit(p); }
  constexpr void Add(Permissions other) { bits_ |= other.bits_; }
  constexpr bool Empty() const { return bits_ == 0; }
  // Space-separated names in kAllPermissions order (for logs, tests and the account endpoint).
  std::string Names() const;
  friend constexpr bool operator==(Permissions, Permissions) = default;

 private:
  static constexpr std::uint32_t Bit(Permission p) { return 1u << static_cast<unsigned>(p); }
  std::uint32_t bits_ = 0;
};

}  // namespace sealpost::domain
