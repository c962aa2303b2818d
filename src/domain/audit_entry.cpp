#include "domain/audit_entry.hpp"

#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::domain {

namespace {

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

}  // namespace

std::string AuditEntryHash(const AuditEntry& entry, std::int64_t seq, std::string_view prev_hash) {
  std::string canonical = "sealpost-audit-v1;";
  AppendField(canonical, std::to_string(seq));
  AppendField(canonical, prev_hash);
  AppendField(canonical, entry.id);
  AppendField(canonical, std::to_string(entry.at.time_since_epoch().count()));
  AppendField(canonical, entry.actor_account_id);
  AppendField(canonical, entry.actor);
  AppendField(canonical, entry.account_id);
  AppendField(canonical, entry.action);
  AppendField(canonical, entry.details_json.empty() ? "{}" : entry.details_json);
  return common::HexEncode(common::Sha256(canonical));
}

}  // namespace sealpost::domain
