// Persistence of accounts, their API keys and consents. Used only inside a UnitOfWork (not
// thread-safe on its own: one UnitOfWork per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/api_key.hpp"
#include "domain/consent.hpp"

namespace sealpost::app {

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  // kConflict when the id, or a company's enterprise number, exists already.
  virtual common::Result<void> Insert(const domain::Account& account) = 0;
  virtual common::Result<std::optional<domain::Account>> FindById(const std::string& id) = 0;
  virtual common::Result<std::optional<domain::Account>> FindByEnterpriseNumber(
      const std::string& digits) = 0;
  virtual common::Result<std::optional<domain::Account>> FindByNationalNumber(
      const std::string& digits) = 0;
  // Accounts whose notification address is `email` (case-insensitive), oldest first.
  virtual common::Result<std::vector<domain::Account>> FindByEmail(const std::string& email) = 0;
  // Accounts whose name, e-mail address, enterprise or national number contains `text`
  // (ASCII case-insensitive; "" matches all), by name, at most `limit`.
  virtual common::Result<std::vector<domain::Account>> Search(const std::string& text,
                                                              std::size_t limit) = 0;
  // Changes where notifications go. kNotFound for an unknown account.
  virtual common::Result<void> UpdateEmail(const std::string& id, const std::string& email) = 0;
  // Whether the account may send (a company's approved subscription). kNotFound when absent.
  virtual common::Result<void> SetCanSend(const std::string& id, bool can_send) = 0;
};

class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;
  virtual common::Result<void> Insert(const domain::ApiKey& key) = 0;
  virtual common::Result<std::optional<domain::ApiKey>> FindBySecretHash(
      const std::string& hex_hash) = 0;
  virtual common::Result<std::vector<domain::ApiKey>> ListByAccount(
      const std::string& account_id) = 0;
  // kNotFound when the key does not exist or belongs to another account.
  virtual common::Result<void> Revoke(const std::string& key_id, const std::string& account_id,
                                      common::TimePoint at) = 0;
  // Records that the key authenticated a request at `at` (never moves last_used_at backwards).
  // kNotFound when the key does not exist.
  virtual common::Result<void> MarkUsed(const std::string& key_id, common::TimePoint at) = 0;
};

class ConsentRepository {
 public:
  virtual ~ConsentRepository() = default;
  virtual common::Result<void> Insert(const domain::Consent& consent) = 0;
  // The consent of `account_id` that is active at `at`, if any.
  virtual common::Result<std::optional<domain::Consent>> FindActive(const std::string& account_id,
                                                                    common::TimePoint at) = 0;
  virtual common::Result<void> Revoke(const std::string& consent_id, common::TimePoint at) = 0;
};

}  // namespace sealpost::app
