// CompanyAccounts: a signed-in person opens a company account for an enterprise number and
// becomes its first administrator; and lists the companies they belong to (to choose which
// account to act for). A new company cannot send until its subscription is approved (PRODUCT §3);
// a company that exists already is joined by invitation from one of its admins, never by
// re-registering it. Audited. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

struct NewCompany {
  std::string enterprise_number;  // any printed form; validated (REFERENCE §4)
  std::string name;               // legal name
  std::string email;              // where the company's notifications go
};

struct CompanyMembershipView {
  domain::Account company;
  domain::Membership membership;
};

class CompanyAccounts {
 public:
  static constexpr std::size_t kMaxNameLength = 200;  // code points

  CompanyAccounts(Database& database, const common::Clock& clock, common::Random& random);

  // kPermissionDenied unless a signed-in person acting for their own account; kInvalidArgument
  // for a wrong enterprise number, name or e-mail; kConflict when the company has an account.
  common::Result<domain::Account> Create(const Caller& caller, const NewCompany& company);
  // The companies the signed-in person is a member of, oldest membership first.
  common::Result<std::vector<CompanyMembershipView>> ListMine(const Caller& caller);

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
