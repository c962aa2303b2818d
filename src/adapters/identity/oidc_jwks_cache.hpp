// JwksCache: the provider's signing keys (its jwks_uri), cached for a TTL. A token signed with an
// unknown kid makes the cache refetch once (key rotation), but never more often than every
// `min_refetch_interval`, so that forged kids cannot turn us into an amplifier against the
// provider. Thread-safety: thread-safe (a mutex guards the cache; key sets are shared immutable
// snapshots).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "adapters/identity/oidc_jose.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::identity {

class JwksCache {
 public:
  // Returns the JWKS JSON (the caller resolves jwks_uri and does the HTTP).
  using Fetch = std::function<common::Result<std::string>()>;

  JwksCache(Fetch fetch, const common::Clock& clock, std::chrono::seconds ttl,
            std::chrono::seconds min_refetch_interval);

  // The verification key for a JWS header (kid may be empty when the set has one key of that type).
  // Returns the key together with the snapshot that owns it.
  struct Found {
    std::shared_ptr<const JoseKeySet> set;
    const JoseKey* key = nullptr;
  };
  common::Result<Found> FindSigningKey(const std::string& kid, const std::string& kty);

  std::size_t FetchCount() const;  // for tests (rate limiting)

 private:
  common::Result<std::shared_ptr<const JoseKeySet>> Refresh(common::TimePoint now);  // mutex_ held

  const Fetch fetch_;
  const common::Clock& clock_;
  const std::chrono::seconds ttl_;
  const std::chrono::seconds min_refetch_interval_;
  mutable std::mutex mutex_;
  std::shared_ptr<const JoseKeySet> keys_;
  common::TimePoint fetched_at_{};
  bool fetched_once_ = false;
  std::size_t fetch_count_ = 0;
};

}  // namespace sealpost::adapters::identity
