// A web session of a browser: before sign-in it carries the pending OpenID Connect flow, after it
// the signed-in account and how it was authenticated. The browser holds only a random secret (the
// cookie); the server stores its SHA-256, so a leaked database does not yield usable cookies.
// Plain value type; the expiry rules are pure functions of it.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/clock.hpp"

namespace sealpost::domain {

// PRODUCT §2: idle timeout 30 min, absolute 12 h.
inline constexpr std::chrono::minutes kSessionIdleTimeout{30};
inline constexpr std::chrono::hours kSessionLifetime{12};
// Failed sign-ins on one session: after kMaxFailedSignIns within kFailedSignInWindow, new attempts
// are refused until the window has passed.
inline constexpr int kMaxFailedSignIns = 5;
inline constexpr std::chrono::minutes kFailedSignInWindow{15};

// The server-side half of an authorization code flow in progress. The state is compared with the
// callback's and is stored as a hash only; nonce and PKCE verifier must be kept as they are (the
// provider needs them to verify the ID token), and live only until the callback.
struct SignInAttempt {
  std::string provider_id;
  std::string state_hash;  // hex SHA-256 of the state sent to the provider
  std::string nonce;
  std::string code_verifier;
  std::string redirect_uri;
  common::TimePoint started_at;
};

struct Session {
  std::string id_hash;     // hex SHA-256 of the cookie secret
  std::string account_id;  // the signed-in person's own account; empty before sign-in
  // The company account the person acts for (a membership), or empty for their own account.
  std::string acting_account_id;
  std::string locale;  // e.g. "fr", "nl", "en"
  common::TimePoint created_at;
  common::TimePoint last_seen_at;
  common::TimePoint expires_at;  // absolute: created_at + kSessionLifetime
  std::optional<SignInAttempt> pending;
  // How the account signed in (empty / nullopt before sign-in).
  std::string auth_provider;  // provider configuration id, e.g. "itsme"
  std::string auth_acr;
  std::string auth_assurance_level;  // eIDAS LoA URI
  std::optional<common::TimePoint> authenticated_at;
  // Failed sign-in attempts in the window that began at failed_since.
  int failed_sign_ins = 0;
  std::optional<common::TimePoint> failed_since;
  int version = 0;  // optimistic concurrency: Update fails when another writer changed the row

  bool SignedIn() const { return !account_id.empty(); }
  // True from the moment either the idle or the absolute limit is reached.
  bool ExpiredAt(common::TimePoint now) const {
    return now >= expires_at || now >= last_seen_at + kSessionIdleTimeout;
  }
  // True while too many sign-ins failed recently for another attempt.
  bool SignInLockedAt(common::TimePoint now) const {
    return failed_sign_ins >= kMaxFailedSignIns && failed_since &&
           now < *failed_since + kFailedSignInWindow;
  }
  // Counts one failed sign-in at `now`, starting a new window when the last one has passed.
  void RecordFailedSignIn(common::TimePoint now) {
    if (!failed_since || now >= *failed_since + kFailedSignInWindow) {
      failed_since = now;
      failed_sign_ins = 0;
    }
    ++failed_sign_ins;
  }
};

}  // namespace sealpost::domain
