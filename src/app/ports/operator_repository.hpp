// Persistence of the operator role (staff of the provider; PRODUCT §8). Granted and revoked from
// the command line only. Used only inside a UnitOfWork.
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct OperatorGrant {
  std::string account_id;  // a person account
  common::TimePoint granted_at;
  std::string granted_by;  // who ran the command ("command-line" and the OS user)
};

class OperatorRepository {
 public:
  virtual ~OperatorRepository() = default;
  // Granting an operator again changes nothing.
  virtual common::Result<void> Grant(const OperatorGrant& grant) = 0;
  // kNotFound when the account is not an operator.
  virtual common::Result<void> Revoke(const std::string& account_id) = 0;
  virtual common::Result<bool> IsOperator(const std::string& account_id) = 0;
  virtual common::Result<std::vector<OperatorGrant>> List() = 0;
};

}  // namespace sealpost::app
