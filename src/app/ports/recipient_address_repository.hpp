// Persistence of the e-mail addresses registered recipients confirmed. Used only inside a
// UnitOfWork (one per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/recipient_address.hpp"

namespace sealpost::app {

class RecipientAddressRepository {
 public:
  virtual ~RecipientAddressRepository() = default;
  // kConflict when the token hash exists already.
  virtual common::Result<void> Insert(const domain::RecipientAddress& address) = 0;
  virtual common::Result<std::optional<domain::RecipientAddress>> FindByTokenHash(
      const std::string& hex_hash) = 0;
  // Every address of the account, removed ones included, oldest request first.
  virtual common::Result<std::vector<domain::RecipientAddress>> ListByAccount(
      const std::string& account_id) = 0;
  // The accounts reached at `email` (case-insensitive) by a verified, not removed address.
  virtual common::Result<std::vector<std::string>> AccountsVerifiedAt(const std::string& email) = 0;
  // Marks a pending address verified. kConflict when it was verified or removed already (a link
  // works once).
  virtual common::Result<void> MarkVerified(const std::string& id, common::TimePoint at) = 0;
  // kNotFound when the address does not exist or belongs to another account.
  virtual common::Result<void> Remove(const std::string& id, const std::string& account_id,
                                      common::TimePoint at) = 0;
};

}  // namespace sealpost::app
