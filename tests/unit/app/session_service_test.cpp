// SessionService: web sign-in end to end with the real SQLite adapters and a scripted identity
// provider. A sign-in creates the person once, rotates the session id, and accepts each state once;
// whatever fails creates nothing; sessions expire when idle or old; the session Caller works with
// the existing use cases.
#include <gtest/gtest.h>

#include "common/sha256.hpp"
#include "domain/membership.hpp"
#include "fakes/scripted_identity_provider.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using namespace std::chrono_literals;
using common::ErrorCode;

constexpr const char* kNewNationalNumber = "90010100123";
constexpr const char* kLoaHigh = "http://eidas.europa.eu/LoA/high";
constexpr const char* kRedirect = "https://sealpost.test/auth/callback";

class SessionServiceTest : public AppFixture {
 protected:
  SessionServiceTest() : provider_("itsme", clock_) {}

  VerifiedIdentity Identity(std::string national_number = kNewNationalNumber) {
    VerifiedIdentity id;
    id.provider_id = "itsme";
    id.issuer = "https://idp.test";
    id.subject = "subject-" + national_number;
    id.national_number = std::move(national_number);
    id.given_names = "Marie Louise";
    id.family_name = "Janssens";
    id.email = "marie@example.be";
    id.acr = "http://itsme.services/v2/claim/acr_advanced";
    id.assurance_level = kLoaHigh;
    id.authentication_time = clock_.Now() - 5s;
    return id;
  }

  std::string Start() {
    auto started = sessions_->StartSession("fr");
    EXPECT_TRUE(started.has_value()) << started.error().ToString();
    return started ? started->cookie : "";
  }

  PendingSignIn Begin(const std::string& cookie) {
    auto pending = sessions_->BeginSignIn(cookie, provider_, kRedirect);
    EXPECT_TRUE(pending.has_value()) << pending.error().ToString();
    return pending ? *pending : PendingSignIn{};
  }

  // A full sign-in with a fresh session; returns the result.
  SignedIn MustSignIn(const std::string& code = "good") {
    const std::string cookie = Start();
    const PendingSignIn pending = Begin(cookie);
    auto signed_in = sessions_->CompleteSignIn(cookie, pending.state, code, provider_);
    if (!signed_in) throw std::runtime_error("sign-in: " + signed_in.error().ToString());
    return *signed_in;
  }

  int PersonAccounts(const std::string& national_number = kNewNationalNumber) {
    auto uow = database_->BeginReadOnly().value();
    auto found = uow->Accounts().FindByNationalNumber(national_number).value();
    return found ? 1 : 0;
  }

  bool Resolves(const std::string& cookie) {
    auto resolved = sessions_->ResolveSession(cookie);
    EXPECT_TRUE(resolved.has_value()) << resolved.error().ToString();
    return resolved && resolved->has_value();
  }

  std::optional<domain::Session> Stored(const std::string& cookie) {
    auto uow = database_->BeginReadOnly().value();
    return uow->Sessions().FindByIdHash(common::HexEncode(common::Sha256(cookie))).value();
  }

  sealpost::testing::ScriptedIdentityProvider provider_;
};

TEST_F(SessionServiceTest, StartStoresOnlyTheHashOfTheCookie) {
  auto started = sessions_->StartSession("nl");
  ASSERT_TRUE(started.has_value()) << started.error().ToString();
  EXPECT_EQ(started->cookie.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(started->session.id_hash, common::HexEncode(common::Sha256(started->cookie)));
  EXPECT_EQ(started->session.id_hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  auto resolved = sessions_->ResolveSession(started->cookie);
  ASSERT_TRUE(resolved.has_value());
  ASSERT_TRUE(resolved->has_value());
  EXPECT_FALSE((*resolved)->SignedIn());
  EXPECT_EQ((*resolved)->locale, "nl");
  EXPECT_EQ((*resolved)->expires_at, clock_.Now() + 12h);
  // Unknown and malformed cookies are simply no session.
  for (std::string bad :
       {std::string(43, 'A'), std::string("short"), std::string(), started->session.id_hash}) {
    EXPECT_FALSE(Resolves(bad)) << bad;
  }
}

TEST_F(SessionServiceTest, FirstSignInCreatesThePersonAndRotatesTheSession) {
  provider_.Script("good", Identity());
  const std::string cookie = Start();
  const PendingSignIn pending = Begin(cookie);
  EXPECT_EQ(pending.authorization_url, "https://idp.test/authorize?state=" + pending.state);
  {
    // Stored pending: the state only as its hash.
    auto stored = Stored(cookie);
    ASSERT_TRUE(stored && stored->pending);
    EXPECT_EQ(stored->pending->state_hash, common::HexEncode(common::Sha256(pending.state)));
    EXPECT_EQ(stored->pending->nonce, pending.nonce);
    EXPECT_EQ(stored->pending->code_verifier, pending.code_verifier);
  }
  ASSERT_EQ(PersonAccounts(), 0);

  clock_.Advance(10s);
  auto signed_in = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_TRUE(signed_in.has_value()) << signed_in.error().ToString();
  EXPECT_TRUE(signed_in->account_created);
  const domain::Account& a = signed_in->account;
  EXPECT_EQ(a.kind, domain::AccountKind::kPerson);
  EXPECT_EQ(a.display_name, "Marie Louise Janssens");
  EXPECT_EQ(a.given_names, "Marie Louise");
  EXPECT_EQ(a.family_name, "Janssens");
  EXPECT_EQ(a.national_number, kNewNationalNumber);
  EXPECT_EQ(a.email, "marie@example.be");
  EXPECT_EQ(a.assurance_level, kLoaHigh);
  EXPECT_EQ(a.authentication_method, "itsme");
  EXPECT_TRUE(a.can_send);
  EXPECT_EQ(PersonAccounts(), 1);

  // The provider got exactly what BeginSignIn issued.
  ASSERT_EQ(provider_.Completed().size(), 1u);
  EXPECT_EQ(provider_.Completed()[0].nonce, pending.nonce);
  EXPECT_EQ(provider_.Completed()[0].code_verifier, pending.code_verifier);
  EXPECT_EQ(provider_.Completed()[0].redirect_uri, kRedirect);

  // Rotation: the old cookie is dead, the new one is signed in.
  EXPECT_NE(signed_in->cookie, cookie);
  EXPECT_FALSE(Resolves(cookie));
  EXPECT_FALSE(Stored(cookie).has_value());
  auto resolved = sessions_->ResolveSession(signed_in->cookie);
  ASSERT_TRUE(resolved.has_value() && resolved->has_value());
  const domain::Session& s = **resolved;
  EXPECT_EQ(s.account_id, a.id);
  EXPECT_EQ(s.locale, "fr");
  EXPECT_EQ(s.auth_provider, "itsme");
  EXPECT_EQ(s.auth_assurance_level, kLoaHigh);
  EXPECT_EQ(s.auth_acr, "http://itsme.services/v2/claim/acr_advanced");
  EXPECT_EQ(s.authenticated_at, Identity().authentication_time - 10s);
  EXPECT_FALSE(s.pending.has_value());
}

TEST_F(SessionServiceTest, SecondSignInFindsTheSameAccount) {
  provider_.Script("good", Identity());
  const SignedIn first = MustSignIn();
  clock_.Advance(1h);
  provider_.Script("good", Identity());
  const SignedIn second = MustSignIn();
  EXPECT_FALSE(second.account_created);
  EXPECT_EQ(second.account.id, first.account.id);
  EXPECT_NE(second.cookie, first.cookie);
  EXPECT_EQ(PersonAccounts(), 1);
  // The person seeded by the fixture is found by national number, not duplicated.
  provider_.Script("seeded", Identity(kPersonNationalNumber));
  const SignedIn seeded = MustSignIn("seeded");
  EXPECT_EQ(seeded.account.id, person_account_.id);
  EXPECT_FALSE(seeded.account_created);
}

TEST_F(SessionServiceTest, WrongOrReplayedStateIsRefusedAndCreatesNothing) {
  provider_.Script("good", Identity());
  const std::string cookie = Start();
  PendingSignIn pending = Begin(cookie);

  auto wrong = sessions_->CompleteSignIn(cookie, pending.state + "x", "good", provider_);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  // The attempt is used up by the wrong state: the right one no longer works either.
  auto late = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kUnauthenticated);
  auto empty = sessions_->CompleteSignIn(cookie, "", "good", provider_);
  ASSERT_FALSE(empty.has_value());
  EXPECT_TRUE(provider_.Completed().empty()) << "the provider was called without a valid state";
  EXPECT_EQ(PersonAccounts(), 0);
  EXPECT_TRUE(Resolves(cookie));

  // Replay of a completed callback: the old session is gone and the state was single-use.
  pending = Begin(cookie);
  auto ok = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  auto replay_old = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_FALSE(replay_old.has_value());
  EXPECT_EQ(replay_old.error().code, ErrorCode::kUnauthenticated);
  auto replay_new = sessions_->CompleteSignIn(ok->cookie, pending.state, "good", provider_);
  ASSERT_FALSE(replay_new.has_value());
  EXPECT_EQ(replay_new.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(provider_.Completed().size(), 1u);
  EXPECT_EQ(PersonAccounts(), 1);

  // A state issued for another provider is not accepted by this one.
  sealpost::testing::ScriptedIdentityProvider other("eid", clock_);
  other.Script("good", Identity());
  const std::string c2 = Start();
  const PendingSignIn p2 = Begin(c2);
  auto crossed = sessions_->CompleteSignIn(c2, p2.state, "good", other);
  ASSERT_FALSE(crossed.has_value());
  EXPECT_TRUE(other.Completed().empty());
}

TEST_F(SessionServiceTest, ExpiredSignInAttemptIsRefused) {
  provider_.Script("good", Identity());
  const std::string cookie = Start();
  const PendingSignIn pending = Begin(cookie);
  clock_.Advance(SessionService::kSignInAttemptLifetime + 1s);
  auto late = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(PersonAccounts(), 0);
}

TEST_F(SessionServiceTest, ProviderErrorCreatesNothing) {
  provider_.Script("forged", common::Fail(ErrorCode::kUnauthenticated, "the ID token is invalid"));
  const std::string cookie = Start();
  const PendingSignIn pending = Begin(cookie);
  auto refused = sessions_->CompleteSignIn(cookie, pending.state, "forged", provider_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(refused.error().message, "the ID token is invalid");
  EXPECT_EQ(PersonAccounts(), 0);
  auto stored = Stored(cookie);
  ASSERT_TRUE(stored.has_value());
  EXPECT_FALSE(stored->SignedIn());
  EXPECT_FALSE(stored->pending.has_value());
  EXPECT_EQ(stored->failed_sign_ins, 1);

  // No national number (a generic provider): no account either.
  VerifiedIdentity anonymous = Identity();
  anonymous.national_number.clear();
  provider_.Script("anonymous", anonymous);
  const PendingSignIn again = Begin(cookie);
  auto no_number = sessions_->CompleteSignIn(cookie, again.state, "anonymous", provider_);
  ASSERT_FALSE(no_number.has_value());
  EXPECT_EQ(no_number.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(SessionServiceTest, LowerAssuranceCreatesAnAccountThatCannotSend) {
  VerifiedIdentity substantial = Identity("75061512374");
  substantial.assurance_level = "http://eidas.europa.eu/LoA/substantial";
  provider_.Script("substantial", substantial);
  const SignedIn signed_in = MustSignIn("substantial");
  EXPECT_TRUE(signed_in.account_created);
  EXPECT_FALSE(signed_in.account.can_send);
}

TEST_F(SessionServiceTest, IdleTimeoutAfterThirtyMinutes) {
  const std::string cookie = Start();
  clock_.Advance(29min);
  EXPECT_TRUE(Resolves(cookie));  // activity moves the idle limit
  clock_.Advance(29min);
  EXPECT_TRUE(Resolves(cookie));
  clock_.Advance(30min);
  EXPECT_FALSE(Resolves(cookie));
  EXPECT_FALSE(Stored(cookie).has_value()) << "an expired session is deleted when met";
  EXPECT_FALSE(Resolves(cookie));
}

TEST_F(SessionServiceTest, AbsoluteTimeoutAfterTwelveHours) {
  provider_.Script("good", Identity());
  const SignedIn signed_in = MustSignIn();
  for (int i = 0; i < 12 * 3 - 1; ++i) {  // active every 20 minutes
    clock_.Advance(20min);
    ASSERT_TRUE(Resolves(signed_in.cookie)) << "at " << (i + 1) * 20 << " min";
  }
  clock_.Advance(20min);  // 12 h after sign-in
  EXPECT_FALSE(Resolves(signed_in.cookie));
}

TEST_F(SessionServiceTest, DeleteExpiredSessionsRemovesIdleAndOldOnes) {
  const std::string idle = Start();
  clock_.Advance(20min);
  const std::string active = Start();
  clock_.Advance(15min);  // `idle` idle for 35 min, `active` for 15
  auto deleted = sessions_->DeleteExpiredSessions();
  ASSERT_TRUE(deleted.has_value()) << deleted.error().ToString();
  EXPECT_EQ(*deleted, 1);
  EXPECT_FALSE(Stored(idle).has_value());
  EXPECT_TRUE(Stored(active).has_value());
}

TEST_F(SessionServiceTest, CsrfTokenBelongsToItsSession) {
  const std::string cookie = Start();
  const std::string other = Start();
  const std::string token = SessionService::CsrfToken(cookie);
  EXPECT_EQ(token, SessionService::CsrfToken(cookie));  // stable for the session
  EXPECT_TRUE(SessionService::CheckCsrf(cookie, token));
  EXPECT_FALSE(SessionService::CheckCsrf(other, token));
  EXPECT_FALSE(SessionService::CheckCsrf(cookie, SessionService::CsrfToken(other)));
  EXPECT_FALSE(SessionService::CheckCsrf(cookie, ""));
  EXPECT_FALSE(SessionService::CheckCsrf(cookie, token.substr(1)));
  EXPECT_FALSE(SessionService::CheckCsrf("", SessionService::CsrfToken("")));
  // Neither the cookie nor what the server stores is the token.
  EXPECT_NE(token, cookie);
  EXPECT_NE(token, Stored(cookie)->id_hash);
  // Sign-in rotates the session and with it the token.
  provider_.Script("good", Identity());
  const PendingSignIn pending = Begin(cookie);
  auto signed_in = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_TRUE(signed_in.has_value());
  EXPECT_FALSE(SessionService::CheckCsrf(signed_in->cookie, token));
}

TEST_F(SessionServiceTest, FiveFailuresLockTheSessionForFifteenMinutes) {
  provider_.Script("good", Identity());
  const std::string cookie = Start();
  for (int i = 0; i < domain::kMaxFailedSignIns; ++i) {
    const PendingSignIn pending = Begin(cookie);
    ASSERT_FALSE(sessions_->CompleteSignIn(cookie, pending.state, "bad-code", provider_));
    clock_.Advance(1min);
  }
  auto begin = sessions_->BeginSignIn(cookie, provider_, kRedirect);
  ASSERT_FALSE(begin.has_value());
  EXPECT_EQ(begin.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(begin.error().message.find("too many"), std::string::npos);
  auto complete = sessions_->CompleteSignIn(cookie, "whatever", "good", provider_);
  ASSERT_FALSE(complete.has_value());
  EXPECT_EQ(complete.error().code, ErrorCode::kUnavailable);

  // 15 minutes after the first failure the window has passed. (Keep the session alive meanwhile.)
  clock_.Advance(5min);
  EXPECT_TRUE(Resolves(cookie));
  clock_.Advance(6min);  // 16 min after the first failure
  const PendingSignIn pending = Begin(cookie);
  auto ok = sessions_->CompleteSignIn(cookie, pending.state, "good", provider_);
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  EXPECT_EQ(ok->session.failed_sign_ins, 0);
}

TEST_F(SessionServiceTest, SignOutEndsTheSession) {
  provider_.Script("good", Identity());
  const SignedIn signed_in = MustSignIn();
  ASSERT_TRUE(Resolves(signed_in.cookie));
  ASSERT_TRUE(sessions_->SignOut(signed_in.cookie).has_value());
  EXPECT_FALSE(Resolves(signed_in.cookie));
  EXPECT_TRUE(sessions_->SignOut(signed_in.cookie).has_value());  // twice is fine
  EXPECT_TRUE(sessions_->SignOut("garbage").has_value());
}

TEST_F(SessionServiceTest, SessionCallerUsesTheExistingUseCases) {
  provider_.Script("good", Identity());
  const SignedIn signed_in = MustSignIn();
  auto anonymous = sessions_->StartSession("en");
  ASSERT_TRUE(anonymous.has_value());
  auto refused = sessions_->CallerFor(anonymous->session);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);

  auto caller = sessions_->CallerFor(signed_in.session);
  ASSERT_TRUE(caller.has_value()) << caller.error().ToString();
  EXPECT_EQ(caller->account.id, signed_in.account.id);
  EXPECT_EQ(caller->credential_id, signed_in.session.id_hash);
  EXPECT_EQ(caller->permissions, domain::PersonalAccountPermissions());
  EXPECT_EQ(caller->authentication_method, "itsme");
  EXPECT_EQ(caller->authenticated_at, *signed_in.session.authenticated_at);

  SubmittedItem submitted = MustSubmit(*caller, Request({RecipientCompany()}));
  auto read = queries_->GetItem(*caller, submitted.item.id);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->item.sender_account_id, signed_in.account.id);
  auto foreign = queries_->GetItem(*outsider_, submitted.item.id);
  EXPECT_FALSE(foreign.has_value());
}

}  // namespace
}  // namespace sealpost::app
