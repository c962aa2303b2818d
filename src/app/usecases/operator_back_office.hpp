// OperatorBackOffice: what the provider's staff look at (PRODUCT §8) — the state of the evidence
// log and the audit chain, the accounts (search, one account with its members and consent) and
// the audit log. Read-only: changes go through the use case of each step (subscription review,
// print queue, billing plans), which audit them.
//
// Authorization: a signed-in person holding the operator role (granted from the command line
// only); everyone else gets kNotFound, so that the back office does not reveal itself. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/audit_entry.hpp"
#include "domain/consent.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

struct ServiceStatus {
  std::int64_t log_size = 0;                   // evidence records in the Merkle log
  std::optional<StoredCheckpoint> checkpoint;  // the latest (signed_note and token kept)
  AuditChainHead audit_head;
};

struct AccountMemberView {
  domain::Membership membership;
  domain::Account person;  // empty id when the person's account is missing
};

struct AccountOverview {
  domain::Account account;
  std::vector<AccountMemberView> members;  // companies: who acts for it
  std::vector<domain::Account> companies;  // persons: the companies they belong to
  std::optional<domain::Consent> consent;  // active standing consent (registered recipient)
  std::vector<domain::AuditEntry> recent;  // newest first
};

class OperatorBackOffice {
 public:
  static constexpr std::size_t kSearchLimit = 50;
  static constexpr std::size_t kRecentAudit = 20;
  static constexpr std::size_t kAuditPage = 100;

  OperatorBackOffice(Database& database, const common::Clock& clock);

  common::Result<ServiceStatus> Status(const Caller& caller);
  // At most kSearchLimit + 1 accounts (one more than shown tells that there are more).
  common::Result<std::vector<domain::Account>> SearchAccounts(const Caller& caller,
                                                              const std::string& text);
  common::Result<AccountOverview> Account(const Caller& caller, const std::string& account_id);
  // Newest first; `query.limit` is capped at kAuditPage.
  common::Result<std::vector<domain::AuditEntry>> AuditLog(const Caller& caller, AuditQuery query);

 private:
  Database& database_;
  const common::Clock& clock_;
};

}  // namespace sealpost::app
