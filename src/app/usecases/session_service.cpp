#include "app/usecases/session_service.hpp"

#include "app/person_account.hpp"

#include <utility>

#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

namespace {

constexpr std::size_t kSecretBytes = 32;   // 256 bits
constexpr std::size_t kCookieLength = 43;  // base64url of 32 bytes, unpadded

std::string HashHex(std::string_view secret) { return common::HexEncode(common::Sha256(secret)); }

// Anything else is not one of our cookies: no need to ask the database.
bool WellFormedCookie(std::string_view cookie) {
  if (cookie.size() != kCookieLength) return false;
  for (char c : cookie) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool SecretEquals(std::string_view a, std::string_view b) {
  const auto* pa = reinterpret_cast<const std::uint8_t*>(a.data());
  const auto* pb = reinterpret_cast<const std::uint8_t*>(b.data());
  return common::ConstantTimeEquals({pa, a.size()}, {pb, b.size()});
}

common::Error NoSession() {
  return {common::ErrorCode::kUnauthenticated,
          "your session has expired; please start signing in again", ""};
}

common::Error Locked() {
  return {common::ErrorCode::kUnavailable,
          "too many failed sign-in attempts; please wait 15 minutes before trying again", ""};
}

}  // namespace

SessionService::SessionService(Database& database, const common::Clock& clock,
                               common::Random& random)
    : database_(database), clock_(clock), random_(random) {}

std::pair<std::string, domain::Session> SessionService::NewSession(std::string locale,
                                                                   common::TimePoint now) {
  std::string cookie = common::NewToken(random_, kSecretBytes);
  domain::Session session;
  session.id_hash = HashHex(cookie);
  session.locale = std::move(locale);
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at = now + domain::kSessionLifetime;
  return {std::move(cookie), std::move(session)};
}

common::Result<StartedSession> SessionService::StartSession(std::string locale) {
  auto [cookie, session] = NewSession(std::move(locale), clock_.Now());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto inserted = (*uow)->Sessions().Insert(session); !inserted) {
    return common::Fail(inserted.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return StartedSession{std::move(cookie), std::move(session)};
}

common::Result<std::optional<domain::Session>> SessionService::Load(UnitOfWork& uow,
                                                                    std::string_view cookie,
                                                                    common::TimePoint now) {
  if (!WellFormedCookie(cookie)) return std::optional<domain::Session>();
  auto found = uow.Sessions().FindByIdHash(HashHex(cookie));
  if (!found) return common::Fail(found.error());
  if (*found && (*found)->ExpiredAt(now)) {
    if (auto deleted = uow.Sessions().Delete((*found)->id_hash); !deleted) {
      return common::Fail(deleted.error());
    }
    return std::optional<domain::Session>();
  }
  return found;
}

common::Result<std::optional<domain::Session>> SessionService::ResolveSession(
    std::string_view cookie) {
  if (!WellFormedCookie(cookie)) return std::optional<domain::Session>();
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto session = Load(**uow, cookie, now);
  if (!session) return session;
  if (*session && now - (*session)->last_seen_at >= kTouchResolution) {
    if (auto touched = (*uow)->Sessions().Touch((*session)->id_hash, now); !touched) {
      return common::Fail(touched.error());
    }
    (*session)->last_seen_at = now;
  }
  // Commits the deletion of an expired session or the touch; a plain read commits nothing.
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return session;
}

common::Result<PendingSignIn> SessionService::BeginSignIn(std::string_view cookie,
                                                          IdentityProvider& provider,
                                                          const std::string& redirect_uri) {
  const common::TimePoint now = clock_.Now();
  {
    // Refuse early, before the provider does any work (discovery, key fetching).
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    auto session = Load(**uow, cookie, now);
    if (!session) return common::Fail(session.error());
    if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
    if (!*session) return common::Fail(NoSession());
    if ((*session)->SignInLockedAt(now)) return common::Fail(Locked());
  }
  auto pending = provider.BeginSignIn(redirect_uri);
  if (!pending) return common::Fail(pending.error());

  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto session = Load(**uow, cookie, now);
  if (!session) return common::Fail(session.error());
  if (!*session) return common::Fail(NoSession());
  // A new attempt replaces an unfinished one: only the latest state is accepted.
  (*session)->pending =
      domain::SignInAttempt{provider.Id(),          HashHex(pending->state), pending->nonce,
                            pending->code_verifier, pending->redirect_uri,   now};
  (*session)->last_seen_at = now;
  if (auto updated = (*uow)->Sessions().Update(**session); !updated) {
    return common::Fail(updated.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return std::move(*pending);
}

common::Result<void> SessionService::RecordFailure(const std::string& id_hash,
                                                   common::TimePoint now) {
  // Retried: a concurrent request on the same session must not make a failure go uncounted.
  for (int attempt = 0;; ++attempt) {
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    auto found = (*uow)->Sessions().FindByIdHash(id_hash);
    if (!found) return common::Fail(found.error());
    if (!*found) return common::Ok();  // gone: nothing left to lock
    (*found)->RecordFailedSignIn(now);
    auto updated = (*uow)->Sessions().Update(**found);
    if (updated) return (*uow)->Commit();
    if (updated.error().code != common::ErrorCode::kConflict || attempt == 2) {
      return common::Fail(updated.error());
    }
  }
}

common::Result<SignedIn> SessionService::CompleteSignIn(std::string_view cookie,
                                                        std::string_view state,
                                                        const std::string& code,
                                                        IdentityProvider& provider) {
  const common::TimePoint now = clock_.Now();
  PendingSignIn pending;
  std::string id_hash;
  {
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    auto session = Load(**uow, cookie, now);
    if (!session) return common::Fail(session.error());
    if (!*session) {
      if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
      return common::Fail(NoSession());
    }
    domain::Session& s = **session;
    if (s.SignInLockedAt(now)) return common::Fail(Locked());
    id_hash = s.id_hash;
    const std::optional<domain::SignInAttempt> attempt = std::move(s.pending);
    // Hashes of equal length: the comparison takes the same time whatever the submitted state.
    const bool state_matches =
        attempt && SecretEquals(HashHex(state), attempt->state_hash) && !state.empty();
    const bool valid = state_matches && attempt->provider_id == provider.Id() &&
                       now - attempt->started_at <= kSignInAttemptLifetime;
    // Single use: the attempt is gone before anything else happens, whatever the outcome; a
    // concurrent replay of the same callback then fails on the session's version.
    s.pending.reset();
    if (!valid) s.RecordFailedSignIn(now);
    auto updated = (*uow)->Sessions().Update(s);
    if (!updated) {
      if (updated.error().code == common::ErrorCode::kConflict) {
        return common::Fail(common::ErrorCode::kUnauthenticated,
                            "this sign-in is already being completed");
      }
      return common::Fail(updated.error());
    }
    if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
    if (!valid) {
      return common::Fail(common::ErrorCode::kUnauthenticated,
                          "this sign-in could not be verified; please start signing in again");
    }
    // The provider needs the nonce and verifier as they are; the state it never sees again, but
    // it is the one just verified.
    pending = PendingSignIn{attempt->provider_id,   "",
                            std::string(state),     attempt->nonce,
                            attempt->code_verifier, attempt->redirect_uri,
                            attempt->started_at};
  }

  // Network I/O: no transaction is open meanwhile.
  auto identity = provider.CompleteSignIn(code, pending);
  if (!identity) {
    if (auto recorded = RecordFailure(id_hash, now); !recorded) {
      return common::Fail(recorded.error());
    }
    return common::Fail(identity.error());
  }
  if (!domain::NationalNumber::Parse(identity->national_number)) {
    return common::Fail(common::ErrorCode::kFailedPrecondition,
                        "the identity provider did not state a national register number; "
                        "please sign in with eID or itsme");
  }

  // Two first sign-ins of one person at once: the loser of the account insert retries and finds
  // the winner's account.
  for (int attempt = 0;; ++attempt) {
    auto signed_in = SignIn(id_hash, *identity, now);
    if (!signed_in && signed_in.error().code == common::ErrorCode::kConflict && attempt == 0) {
      continue;
    }
    return signed_in;
  }
}

common::Result<SignedIn> SessionService::SignIn(const std::string& id_hash,
                                                const VerifiedIdentity& identity,
                                                common::TimePoint now) {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto found = (*uow)->Sessions().FindByIdHash(id_hash);
  if (!found) return common::Fail(found.error());
  // Signed out (or expired) while the provider was verifying: nothing to sign in to.
  if (!*found || (*found)->ExpiredAt(now)) return common::Fail(NoSession());
  const domain::Session& old_session = **found;
  SignedIn result;
  auto existing = (*uow)->Accounts().FindByNationalNumber(identity.national_number);
  if (!existing) return common::Fail(existing.error());
  if (*existing) {
    result.account = std::move(**existing);
  } else {
    result.account = PersonAccountFor(identity, common::NewUuid(random_), now);
    const domain::Account& a = result.account;
    if (auto inserted = (*uow)->Accounts().Insert(a); !inserted) {
      return common::Fail(inserted.error());
    }
    result.account_created = true;
  }

  // Rotation: the pre-sign-in id dies, the signed-in session gets a fresh secret and lifetime.
  auto [cookie, session] = NewSession(old_session.locale, now);
  session.account_id = result.account.id;
  session.auth_provider = identity.provider_id;
  session.auth_acr = identity.acr;
  session.auth_assurance_level = identity.assurance_level;
  session.authenticated_at = identity.authentication_time;
  if (auto deleted = (*uow)->Sessions().Delete(old_session.id_hash); !deleted) {
    return common::Fail(deleted.error());
  }
  if (auto inserted = (*uow)->Sessions().Insert(session); !inserted) {
    return common::Fail(inserted.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  result.cookie = std::move(cookie);
  result.session = std::move(session);
  return result;
}

common::Result<Caller> SessionService::CallerFor(const domain::Session& session) {
  if (!session.SignedIn() || !session.authenticated_at) {
    return common::Fail(common::ErrorCode::kUnauthenticated, "please sign in");
  }
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto person = (*uow)->Accounts().FindById(session.account_id);
  if (!person) return common::Fail(person.error());
  if (!*person) return common::Fail(common::ErrorCode::kUnauthenticated, "please sign in");
  auto is_operator = (*uow)->Operators().IsOperator(session.account_id);
  if (!is_operator) return common::Fail(is_operator.error());

  Caller caller;
  caller.person_account_id = session.account_id;
  caller.person_name = (*person)->display_name;
  caller.credential_id = session.id_hash;
  caller.authentication_method = session.auth_provider;
  caller.authenticated_at = *session.authenticated_at;
  caller.is_operator = *is_operator;
  if (!session.acting_account_id.empty() && session.acting_account_id != session.account_id) {
    // The membership is read on every request, so a removed member or changed roles take effect
    // at once, not at the next sign-in.
    auto membership = (*uow)->Memberships().Find(session.acting_account_id, session.account_id);
    if (!membership) return common::Fail(membership.error());
    if (*membership) {
      auto company = (*uow)->Accounts().FindById(session.acting_account_id);
      if (!company) return common::Fail(company.error());
      if (*company) {
        caller.account = std::move(**company);
        caller.permissions = domain::PermissionsOfRoles((*membership)->roles);
        return caller;
      }
    }
    // No longer a member: the person acts for their own account again.
  }
  caller.account = std::move(**person);
  caller.permissions = domain::PersonalAccountPermissions();
  return caller;
}

common::Result<domain::Session> SessionService::ActAs(std::string_view cookie,
                                                      const std::string& account_id) {
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto session = Load(**uow, cookie, now);
  if (!session) return common::Fail(session.error());
  if (!*session || !(*session)->SignedIn()) {
    return common::Fail(common::ErrorCode::kUnauthenticated, "please sign in");
  }
  domain::Session updated = **session;
  if (account_id.empty() || account_id == updated.account_id) {
    updated.acting_account_id.clear();
  } else {
    auto membership = (*uow)->Memberships().Find(account_id, updated.account_id);
    if (!membership) return common::Fail(membership.error());
    // Not a member answers like an unknown account: ids of other companies stay unconfirmed.
    if (!*membership) return common::Fail(common::ErrorCode::kNotFound, "no such account");
    updated.acting_account_id = account_id;
  }
  if (auto saved = (*uow)->Sessions().Update(updated); !saved) return common::Fail(saved.error());
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  ++updated.version;
  return updated;
}

common::Result<void> SessionService::SignOut(std::string_view cookie) {
  if (!WellFormedCookie(cookie)) return common::Ok();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto deleted = (*uow)->Sessions().Delete(HashHex(cookie)); !deleted) {
    return common::Fail(deleted.error());
  }
  return (*uow)->Commit();
}

common::Result<std::int64_t> SessionService::DeleteExpiredSessions() {
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto deleted = (*uow)->Sessions().DeleteExpired(clock_.Now());
  if (!deleted) return deleted;
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return deleted;
}

std::string SessionService::CsrfToken(std::string_view cookie) {
  std::string input = "sealpost csrf v1\n";
  input += cookie;
  return HashHex(input);
}

bool SessionService::CheckCsrf(std::string_view cookie, std::string_view token) {
  if (!WellFormedCookie(cookie)) return false;
  return SecretEquals(CsrfToken(cookie), token);
}

}  // namespace sealpost::app
