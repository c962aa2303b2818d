#include "adapters/identity/oidc_jwks_cache.hpp"

namespace sealpost::adapters::identity {

using common::ErrorCode;
using common::Fail;

JwksCache::JwksCache(Fetch fetch, const common::Clock& clock, std::chrono::seconds ttl,
                     std::chrono::seconds min_refetch_interval)
    : fetch_(std::move(fetch)),
      clock_(clock),
      ttl_(ttl),
      min_refetch_interval_(min_refetch_interval) {}

std::size_t JwksCache::FetchCount() const {
  std::lock_guard lock(mutex_);
  return fetch_count_;
}

common::Result<std::shared_ptr<const JoseKeySet>> JwksCache::Refresh(common::TimePoint now) {
  fetched_once_ = true;
  fetched_at_ = now;  // also on failure: a provider that is down is not hammered either
  ++fetch_count_;
  auto body = fetch_();
  if (!body) return Fail(body.error());
  auto set = JoseKeySet::Parse(*body);
  if (!set) return Fail(set.error());
  keys_ = std::make_shared<const JoseKeySet>(std::move(*set));
  return keys_;
}

common::Result<JwksCache::Found> JwksCache::FindSigningKey(const std::string& kid,
                                                           const std::string& kty) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.Now();
  const bool may_refetch = !fetched_once_ || now - fetched_at_ >= min_refetch_interval_;
  if (!keys_ || now - fetched_at_ >= ttl_) {
    if (may_refetch) {
      auto refreshed = Refresh(now);
      if (!refreshed && !keys_) return Fail(refreshed.error());
    } else if (!keys_) {
      return Fail(ErrorCode::kUnavailable, "the provider's keys could not be fetched recently");
    }
  }
  if (const JoseKey* key = keys_->Find(kid, kty, "sig"); key != nullptr) return Found{keys_, key};
  // Unknown kid: maybe the provider rotated its keys. Look again, once per interval.
  if (now - fetched_at_ >= min_refetch_interval_) {
    auto refreshed = Refresh(now);
    if (!refreshed) return Fail(refreshed.error());
    if (const JoseKey* key = keys_->Find(kid, kty, "sig"); key != nullptr) return Found{keys_, key};
  }
  return Fail(ErrorCode::kInvalidArgument, "no provider key with kid '" + kid + "' of type " + kty);
}

}  // namespace sealpost::adapters::identity
