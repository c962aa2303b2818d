// ScriptedIdentityProvider: a deterministic app::IdentityProvider for use-case tests. BeginSignIn
// hands out numbered states, nonces and verifiers; CompleteSignIn answers the identity or error
// scripted for a code (an unscripted code is refused like a forged one) and records what it was
// given. The real OpenID Connect providers are tested against their own fakes elsewhere; this one
// only lets the session use cases be driven end to end. Thread-safe (one mutex).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports/identity_provider.hpp"
#include "common/clock.hpp"

namespace sealpost::testing {

class ScriptedIdentityProvider final : public app::IdentityProvider {
 public:
  ScriptedIdentityProvider(std::string id, const common::Clock& clock)
      : id_(std::move(id)), display_name_("Scripted " + id_), clock_(clock) {}

  // CompleteSignIn(code, …) answers `outcome` from now on.
  void Script(const std::string& code, common::Result<app::VerifiedIdentity> outcome) {
    std::lock_guard lock(mutex_);
    script_.insert_or_assign(code, std::move(outcome));
  }

  const std::string& Id() const override { return id_; }
  const std::string& DisplayName() const override { return display_name_; }

  common::Result<app::PendingSignIn> BeginSignIn(const std::string& redirect_uri) override {
    std::lock_guard lock(mutex_);
    const std::string n = std::to_string(++begun_);
    app::PendingSignIn pending;
    pending.provider_id = id_;
    pending.state = id_ + "-state-" + n;
    pending.nonce = id_ + "-nonce-" + n;
    pending.code_verifier = id_ + "-verifier-" + n;
    pending.redirect_uri = redirect_uri;
    pending.authorization_url = "https://idp.test/authorize?state=" + pending.state;
    pending.started_at = clock_.Now();
    return pending;
  }

  common::Result<app::VerifiedIdentity> CompleteSignIn(const std::string& code,
                                                       const app::PendingSignIn& pending) override {
    std::lock_guard lock(mutex_);
    completed_.push_back(pending);
    auto it = script_.find(code);
    if (it == script_.end()) {
      return common::Fail(common::ErrorCode::kUnauthenticated, "the sign-in was not accepted");
    }
    return it->second;
  }

  // Every PendingSignIn CompleteSignIn was called with, in order.
  std::vector<app::PendingSignIn> Completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
  }

 private:
  const std::string id_;
  const std::string display_name_;
  const common::Clock& clock_;
  mutable std::mutex mutex_;
  int begun_ = 0;                                                        // guarded by mutex_
  std::map<std::string, common::Result<app::VerifiedIdentity>> script_;  // guarded by mutex_
  std::vector<app::PendingSignIn> completed_;                            // guarded by mutex_
};

}  // namespace sealpost::testing
