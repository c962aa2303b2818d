// Persistence of web sessions (domain/session.hpp), keyed by the SHA-256 of the cookie secret —
// the secret itself is never stored. Used only inside a UnitOfWork (not thread-safe on its own:
// one UnitOfWork per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/session.hpp"

namespace sealpost::app {

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  // kConflict when the id hash exists already.
  virtual common::Result<void> Insert(const domain::Session& session) = 0;
  // Expired sessions too: expiry is the caller's decision (it also deletes them).
  virtual common::Result<std::optional<domain::Session>> FindByIdHash(
      const std::string& id_hash) = 0;
  // Writes every field but id_hash and created_at, if the stored version is still
  // `session.version`, and stores version + 1. kConflict when another writer changed the session
  // since it was read; kNotFound when it is gone.
  virtual common::Result<void> Update(const domain::Session& session) = 0;
  // Moves last_seen_at forward to `at` (never backwards). Unversioned on purpose: activity on a
  // session must not make a concurrent sign-in on it fail with kConflict. A missing session is
  // not an error.
  virtual common::Result<void> Touch(const std::string& id_hash, common::TimePoint at) = 0;
  // A missing session is not an error (signing out twice is fine).
  virtual common::Result<void> Delete(const std::string& id_hash) = 0;
  // Deletes the sessions expired at `now` (idle or absolute limit, as Session::ExpiredAt); returns
  // how many.
  virtual common::Result<std::int64_t> DeleteExpired(common::TimePoint now) = 0;
};

}  // namespace sealpost::app
