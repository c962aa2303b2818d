// Builds audit log entries for what a caller did (domain/audit_entry.hpp). The use case appends
// the entry in the transaction of the change, so the log never shows a change that was rolled
// back nor misses one that was committed. Pure functions; thread-safe.
#pragma once

#include <string>

#include "app/caller.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/audit_entry.hpp"

namespace sealpost::app {

// `details_json` must be a JSON object of non-secret facts ("{}" when there is nothing to add).
domain::AuditEntry AuditEntryFor(const Caller& caller, common::Random& random, common::TimePoint at,
                                 const std::string& account_id, std::string action,
                                 std::string details_json = "{}");

}  // namespace sealpost::app
