// ManageOperators: the command line grants and revokes the operator role (staff of the provider,
// PRODUCT §8) to a person who has signed in once, found by national register number. There is
// deliberately no web or API route for this: whoever can run the binary on the server's data is
// the root of trust. Audited with the OS user who ran the command. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/ports/database.hpp"
#include "app/ports/operator_repository.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"

namespace sealpost::app {

struct OperatorView {
  OperatorGrant grant;
  domain::Account person;
};

class ManageOperators {
 public:
  ManageOperators(Database& database, const common::Clock& clock, common::Random& random);

  // kInvalidArgument for a wrong national number; kNotFound when no person with that number has
  // signed in yet. Granting an operator again changes nothing. `by` names who ran the command.
  common::Result<domain::Account> Grant(std::string_view national_number, const std::string& by);
  // kNotFound when the person is unknown or not an operator.
  common::Result<domain::Account> Revoke(std::string_view national_number, const std::string& by);
  common::Result<std::vector<OperatorView>> List();

 private:
  common::Result<domain::Account> Change(std::string_view national_number, const std::string& by,
                                         bool grant);
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
