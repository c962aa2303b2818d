// One line of the audit log (PRODUCT §3, §8): who did what to which account, when. Written in the
// same transaction as the change it describes, never updated or deleted. Details are a small JSON
// object of non-secret facts (role names, a key's label and prefix — never a secret or a token).
// Plain value type.
#pragma once

#include <string>

#include "common/clock.hpp"

namespace sealpost::domain {

struct AuditEntry {
  std::string id;  // UUID
  common::TimePoint at;
  std::string actor_account_id;  // the person (or account) acting; empty for the command line
  std::string actor;             // how: "session:<provider>", "api-key:<prefix>", "command-line"
  std::string account_id;        // the account the action concerns
  std::string action;            // dotted name, e.g. "member.invited", "api_key.revoked"
  std::string details_json;      // "{}" when there is nothing to add
};

}  // namespace sealpost::domain
