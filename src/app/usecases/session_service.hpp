// SessionService: the server side of web sign-in. A browser gets a session (a random 256-bit
// secret in a cookie; only its SHA-256 is stored), starts an OpenID Connect sign-in on it, and
// completes it with the callback's state and code. Completing verifies the state (constant-time,
// single-use: it is cleared before the provider is called), lets the IdentityProvider verify the
// code and ID token, finds or creates the person's account by national register number, and
// rotates the session: the pre-sign-in id stops working and a new cookie value is returned, so a
// planted session id never becomes a signed-in one.
//
// Expiry (PRODUCT §2): idle 30 min, absolute 12 h; an expired session is deleted when met and
// treated as none. Activity is recorded at most once per kTouchResolution, so the idle limit is
// exact to within that. After domain::kMaxFailedSignIns failed sign-ins within
// domain::kFailedSignInWindow a session refuses further attempts (kUnavailable) — per session
// only: a client that drops its cookie starts afresh, so this slows down a browser-driven guess
// loop, and the providers' own limits remain the real defence.
//
// A signed-in session acts through CallerFor(): for the person's own account, or — after ActAs() —
// for a company they are a member of, with the permissions of their roles there; every use case
// authorizes a web session exactly like an API key.
//
// CSRF: the token is derived from the cookie secret (SHA-256 with a domain-separation label), so
// nothing more is stored, it cannot be computed from anything the server stores, and it changes
// when the session rotates at sign-in.
//
// Thread-safe (state lives in the database; the ports are thread-safe).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "app/ports/identity_provider.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/account.hpp"
#include "domain/session.hpp"

namespace sealpost::app {

struct StartedSession {
  std::string cookie;  // the secret for the Set-Cookie header; not kept anywhere on the server
  domain::Session session;
};

struct SignedIn {
  std::string cookie;  // the NEW session secret: replace the browser's cookie with it
  domain::Session session;
  domain::Account account;
  bool account_created = false;  // first sign-in of this person
};

class SessionService {
 public:
  static constexpr std::chrono::minutes kTouchResolution{1};
  // A sign-in not completed within this time must be started again.
  static constexpr std::chrono::minutes kSignInAttemptLifetime{10};

  SessionService(Database& database, const common::Clock& clock, common::Random& random);

  // A new anonymous session in `locale`.
  common::Result<StartedSession> StartSession(std::string locale);
  // The live session of `cookie`, or nullopt for an unknown, malformed or expired one (an expired
  // session is deleted).
  common::Result<std::optional<domain::Session>> ResolveSession(std::string_view cookie);
  // Starts a sign-in with `provider` on the session of `cookie` and keeps what completing it
  // needs; returns where to send the browser (authorization_url). kUnauthenticated without a live
  // session; kUnavailable while failed sign-ins lock the session.
  common::Result<PendingSignIn> BeginSignIn(std::string_view cookie, IdentityProvider& provider,
                                            const std::string& redirect_uri);
  // Completes the sign-in started on the session of `cookie` with the callback's `state` and
  // `code`. kUnauthenticated for a missing session, a wrong, replayed or expired state, another
  // provider, or whatever the provider refuses (its message, fit for the user); nothing is created
  // then and the failure is counted. kUnavailable while locked. kFailedPrecondition when the
  // provider states no national register number (a person cannot be identified without it).
  common::Result<SignedIn> CompleteSignIn(std::string_view cookie, std::string_view state,
                                          const std::string& code, IdentityProvider& provider);
  // The Caller of a signed-in session. kUnauthenticated when it is not signed in.
  common::Result<Caller> CallerFor(const domain::Session& session);
  // Makes the session of `cookie` act for `account_id`: a company the person is a member of, or
  // their own account (also for an empty id). kNotFound when the person is not a member;
  // kUnauthenticated without a signed-in session.
  common::Result<domain::Session> ActAs(std::string_view cookie, const std::string& account_id);
  // Ends the session of `cookie` (fine when there is none).
  common::Result<void> SignOut(std::string_view cookie);
  // Deletes every expired session (for a periodic job); returns how many.
  common::Result<std::int64_t> DeleteExpiredSessions();

  // The CSRF token to embed in the forms of the session of `cookie`.
  static std::string CsrfToken(std::string_view cookie);
  // Constant-time check of a submitted token against the session of `cookie`.
  static bool CheckCsrf(std::string_view cookie, std::string_view token);

 private:
  // The live session of `cookie` in `uow`; deletes an expired one (the caller commits).
  common::Result<std::optional<domain::Session>> Load(UnitOfWork& uow, std::string_view cookie,
                                                      common::TimePoint now);
  common::Result<void> RecordFailure(const std::string& id_hash, common::TimePoint now);
  // Finds or creates the account and rotates the session of `id_hash`, in one transaction.
  common::Result<SignedIn> SignIn(const std::string& id_hash, const VerifiedIdentity& identity,
                                  common::TimePoint now);
  std::pair<std::string, domain::Session> NewSession(std::string locale, common::TimePoint now);

  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace sealpost::app
