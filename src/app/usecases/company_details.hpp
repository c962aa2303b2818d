// CompanyDetails: a company's own page of facts (PRODUCT §3) — its legal name and enterprise
// number as registered, VAT id, where its notifications go, whether it may send yet, how many
// members act for it, and what the imported KBO/BCE open data says about it (when imported). An
// admin changes the notification address; the name and number come from the subscription and are
// not edited here. Audited. Thread-safe.
//
// Authorization: any member of the company reads (company permission not needed: the facts are
// the members' own); changing the address needs the company permission (admins). Personal
// accounts have no company details (kNotFound).
#pragma once

#include <optional>
#include <string_view>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "app/ports/kbo_registry.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"

namespace sealpost::app {

struct CompanyFacts {
  domain::Account company;
  std::size_t members = 0;
  std::optional<KboRecord> kbo;  // when the open data was imported and names the number
  bool may_edit = false;         // the caller may change the notification address
};

class CompanyDetails {
 public:
  CompanyDetails(Database& database, const common::Clock& clock, common::Random& random);

  common::Result<CompanyFacts> Show(const Caller& caller);
  // kInvalidArgument for an address that is not one; kPermissionDenied for a non-admin.
  common::Result<domain::Account> ChangeNotificationAddress(const Caller& caller,
                                                            std::string_view email);

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
