#include "app/audit.hpp"

namespace sealpost::app {

domain::AuditEntry AuditEntryFor(const Caller& caller, common::Random& random, common::TimePoint at,
                                 const std::string& account_id, std::string action,
                                 std::string details_json) {
  domain::AuditEntry entry;
  entry.id = common::NewUuid(random);
  entry.at = at;
  entry.actor_account_id = caller.ActorAccountId();
  entry.actor = caller.ActorDescription();
  entry.account_id = account_id;
  entry.action = std::move(action);
  entry.details_json = std::move(details_json);
  return entry;
}

}  // namespace sealpost::app
