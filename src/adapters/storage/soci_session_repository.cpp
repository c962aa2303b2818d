#include "adapters/storage/soci_session_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

// The columns written by Insert and Update, as bindable values with their NULL indicators.
struct SessionRow {
  std::string account_id;
  soci::indicator account_ind = soci::i_null;
  std::string acting_account_id;
  soci::indicator acting_ind = soci::i_null;
  long long last_seen_at = 0;
  long long expires_at = 0;
  std::string pending_provider, pending_state_hash, pending_nonce, pending_code_verifier,
      pending_redirect_uri;
  long long pending_started_at = 0;
  soci::indicator pending_ind = soci::i_null;
  long long authenticated_at = 0;
  soci::indicator authenticated_ind = soci::i_null;
  long long failed_since = 0;
  soci::indicator failed_ind = soci::i_null;

  explicit SessionRow(const domain::Session& s)
      : account_id(s.account_id),
        account_ind(s.account_id.empty() ? soci::i_null : soci::i_ok),
        acting_account_id(s.acting_account_id),
        acting_ind(s.acting_account_id.empty() ? soci::i_null : soci::i_ok),
        last_seen_at(ToMicros(s.last_seen_at)),
        expires_at(ToMicros(s.expires_at)) {
    if (s.pending) {
      pending_ind = soci::i_ok;
      pending_provider = s.pending->provider_id;
      pending_state_hash = s.pending->state_hash;
      pending_nonce = s.pending->nonce;
      pending_code_verifier = s.pending->code_verifier;
      pending_redirect_uri = s.pending->redirect_uri;
      pending_started_at = ToMicros(s.pending->started_at);
    }
    if (s.authenticated_at) {
      authenticated_ind = soci::i_ok;
      authenticated_at = ToMicros(*s.authenticated_at);
    }
    if (s.failed_since) {
      failed_ind = soci::i_ok;
      failed_since = ToMicros(*s.failed_since);
    }
  }
};

}  // namespace

common::Result<void> SociSessionRepository::Insert(const domain::Session& s) {
  return WithSavepoint(session_, "insert session", [&]() -> common::Result<void> {
    SessionRow row(s);
    const long long created_at = ToMicros(s.created_at);
    // Separate indicators per use: SOCI may write back into them.
    soci::indicator i1 = row.pending_ind, i2 = row.pending_ind, i3 = row.pending_ind,
                    i4 = row.pending_ind, i5 = row.pending_ind, i6 = row.pending_ind;
    session_ << "INSERT INTO sessions (id_hash, account_id, locale, created_at, last_seen_at, "
                "expires_at, pending_provider, pending_state_hash, pending_nonce, "
                "pending_code_verifier, pending_redirect_uri, pending_started_at, auth_provider, "
                "auth_acr, auth_assurance_level, authenticated_at, failed_sign_ins, failed_since, "
                "version, acting_account_id) VALUES (:id_hash, :account_id, :locale, :created_at, "
                ":last_seen_at, "
                ":expires_at, :pending_provider, :pending_state_hash, :pending_nonce, "
                ":pending_code_verifier, :pending_redirect_uri, :pending_started_at, "
                ":auth_provider, :auth_acr, :auth_assurance_level, :authenticated_at, "
                ":failed_sign_ins, :failed_since, :version, :acting_account_id)",
        soci::use(s.id_hash, "id_hash"), soci::use(row.account_id, row.account_ind, "account_id"),
        soci::use(s.locale, "locale"), soci::use(created_at, "created_at"),
        soci::use(row.last_seen_at, "last_seen_at"), soci::use(row.expires_at, "expires_at"),
        soci::use(row.pending_provider, i1, "pending_provider"),
        soci::use(row.pending_state_hash, i2, "pending_state_hash"),
        soci::use(row.pending_nonce, i3, "pending_nonce"),
        soci::use(row.pending_code_verifier, i4, "pending_code_verifier"),
        soci::use(row.pending_redirect_uri, i5, "pending_redirect_uri"),
        soci::use(row.pending_started_at, i6, "pending_started_at"),
        soci::use(s.auth_provider, "auth_provider"), soci::use(s.auth_acr, "auth_acr"),
        soci::use(s.auth_assurance_level, "auth_assurance_level"),
        soci::use(row.authenticated_at, row.authenticated_ind, "authenticated_at"),
        soci::use(s.failed_sign_ins, "failed_sign_ins"),
        soci::use(row.failed_since, row.failed_ind, "failed_since"),
        soci::use(s.version, "version"),
        soci::use(row.acting_account_id, row.acting_ind, "acting_account_id");
    return common::Ok();
  });
}

common::Result<std::optional<domain::Session>> SociSessionRepository::FindByIdHash(
    const std::string& id_hash) {
  return Guarded("find session", [&]() -> common::Result<std::optional<domain::Session>> {
    domain::Session s;
    domain::SignInAttempt pending;
    long long created_at = 0, last_seen_at = 0, expires_at = 0, pending_started_at = 0,
              authenticated_at = 0, failed_since = 0;
    soci::indicator account_ind = soci::i_ok, provider_ind = soci::i_ok, state_ind = soci::i_ok,
                    nonce_ind = soci::i_ok, verifier_ind = soci::i_ok, redirect_ind = soci::i_ok,
                    started_ind = soci::i_ok, authenticated_ind = soci::i_ok,
                    failed_ind = soci::i_ok, acting_ind = soci::i_ok;
    session_ << "SELECT id_hash, account_id, locale, created_at, last_seen_at, expires_at, "
                "pending_provider, pending_state_hash, pending_nonce, pending_code_verifier, "
                "pending_redirect_uri, pending_started_at, auth_provider, auth_acr, "
                "auth_assurance_level, authenticated_at, failed_sign_ins, failed_since, version, "
                "acting_account_id FROM sessions WHERE id_hash = :id_hash",
        soci::into(s.id_hash), soci::into(s.account_id, account_ind), soci::into(s.locale),
        soci::into(created_at), soci::into(last_seen_at), soci::into(expires_at),
        soci::into(pending.provider_id, provider_ind), soci::into(pending.state_hash, state_ind),
        soci::into(pending.nonce, nonce_ind), soci::into(pending.code_verifier, verifier_ind),
        soci::into(pending.redirect_uri, redirect_ind), soci::into(pending_started_at, started_ind),
        soci::into(s.auth_provider), soci::into(s.auth_acr), soci::into(s.auth_assurance_level),
        soci::into(authenticated_at, authenticated_ind), soci::into(s.failed_sign_ins),
        soci::into(failed_since, failed_ind), soci::into(s.version),
        soci::into(s.acting_account_id, acting_ind), soci::use(id_hash, "id_hash");
    if (!session_.got_data()) return std::optional<domain::Session>();
    if (account_ind == soci::i_null) s.account_id.clear();
    if (acting_ind == soci::i_null) s.acting_account_id.clear();
    s.created_at = FromMicros(created_at);
    s.last_seen_at = FromMicros(last_seen_at);
    s.expires_at = FromMicros(expires_at);
    // Written all together by SessionRow: any one of them stands for the attempt.
    if (provider_ind != soci::i_null) {
      pending.started_at = FromMicros(pending_started_at);
      s.pending = std::move(pending);
    }
    if (authenticated_ind != soci::i_null) s.authenticated_at = FromMicros(authenticated_at);
    if (failed_ind != soci::i_null) s.failed_since = FromMicros(failed_since);
    return std::optional(std::move(s));
  });
}

common::Result<void> SociSessionRepository::Update(const domain::Session& s) {
  return WithSavepoint(session_, "update session", [&]() -> common::Result<void> {
    SessionRow row(s);
    const int next_version = s.version + 1;
    soci::indicator i1 = row.pending_ind, i2 = row.pending_ind, i3 = row.pending_ind,
                    i4 = row.pending_ind, i5 = row.pending_ind, i6 = row.pending_ind;
    soci::statement update =
        (session_.prepare
             << "UPDATE sessions SET account_id = :account_id, locale = :locale, "
                "last_seen_at = :last_seen_at, expires_at = :expires_at, "
                "pending_provider = :pending_provider, pending_state_hash = :pending_state_hash, "
                "pending_nonce = :pending_nonce, pending_code_verifier = :pending_code_verifier, "
                "pending_redirect_uri = :pending_redirect_uri, "
                "pending_started_at = :pending_started_at, auth_provider = :auth_provider, "
                "auth_acr = :auth_acr, auth_assurance_level = :auth_assurance_level, "
                "authenticated_at = :authenticated_at, failed_sign_ins = :failed_sign_ins, "
                "failed_since = :failed_since, version = :next_version, "
                "acting_account_id = :acting_account_id "
                "WHERE id_hash = :id_hash AND version = :version",
         soci::use(row.account_id, row.account_ind, "account_id"), soci::use(s.locale, "locale"),
         soci::use(row.last_seen_at, "last_seen_at"), soci::use(row.expires_at, "expires_at"),
         soci::use(row.pending_provider, i1, "pending_provider"),
         soci::use(row.pending_state_hash, i2, "pending_state_hash"),
         soci::use(row.pending_nonce, i3, "pending_nonce"),
         soci::use(row.pending_code_verifier, i4, "pending_code_verifier"),
         soci::use(row.pending_redirect_uri, i5, "pending_redirect_uri"),
         soci::use(row.pending_started_at, i6, "pending_started_at"),
         soci::use(s.auth_provider, "auth_provider"), soci::use(s.auth_acr, "auth_acr"),
         soci::use(s.auth_assurance_level, "auth_assurance_level"),
         soci::use(row.authenticated_at, row.authenticated_ind, "authenticated_at"),
         soci::use(s.failed_sign_ins, "failed_sign_ins"),
         soci::use(row.failed_since, row.failed_ind, "failed_since"),
         soci::use(next_version, "next_version"), soci::use(s.id_hash, "id_hash"),
         soci::use(s.version, "version"),
         soci::use(row.acting_account_id, row.acting_ind, "acting_account_id"));
    update.execute(true);
    if (update.get_affected_rows() == 1) return common::Ok();
    int count = 0;
    session_ << "SELECT COUNT(*) FROM sessions WHERE id_hash = :id_hash", soci::into(count),
        soci::use(s.id_hash, "id_hash");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "session not found");
    return common::Fail(common::ErrorCode::kConflict, "session changed concurrently");
  });
}

common::Result<void> SociSessionRepository::Touch(const std::string& id_hash,
                                                  common::TimePoint at) {
  return WithSavepoint(session_, "touch session", [&]() -> common::Result<void> {
    const long long micros = ToMicros(at);
    session_ << "UPDATE sessions SET last_seen_at = :at WHERE id_hash = :id_hash AND "
                "last_seen_at < :at2",
        soci::use(micros, "at"), soci::use(id_hash, "id_hash"), soci::use(micros, "at2");
    return common::Ok();
  });
}

common::Result<void> SociSessionRepository::Delete(const std::string& id_hash) {
  return WithSavepoint(session_, "delete session", [&]() -> common::Result<void> {
    session_ << "DELETE FROM sessions WHERE id_hash = :id_hash", soci::use(id_hash, "id_hash");
    return common::Ok();
  });
}

common::Result<std::int64_t> SociSessionRepository::DeleteExpired(common::TimePoint now) {
  std::int64_t deleted = 0;
  auto done = WithSavepoint(session_, "delete expired sessions", [&]() -> common::Result<void> {
    const long long at = ToMicros(now);
    // Session::ExpiredAt: now >= expires_at, or now >= last_seen_at + idle timeout.
    const long long idle_cutoff = ToMicros(now - domain::kSessionIdleTimeout);
    soci::statement del = (session_.prepare << "DELETE FROM sessions WHERE expires_at <= :now "
                                               "OR last_seen_at <= :idle_cutoff",
                           soci::use(at, "now"), soci::use(idle_cutoff, "idle_cutoff"));
    del.execute(true);
    deleted = del.get_affected_rows();
    return common::Ok();
  });
  if (!done) return common::Fail(std::move(done.error()));
  return deleted;
}

}  // namespace sealpost::adapters::storage
