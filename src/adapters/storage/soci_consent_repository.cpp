#include "adapters/storage/soci_consent_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociConsentRepository::Insert(const domain::Consent& consent) {
  return WithSavepoint(session_, "insert consent", [&]() -> common::Result<void> {
    const long long given_at = ToMicros(consent.given_at);
    long long revoked_at = consent.revoked_at ? ToMicros(*consent.revoked_at) : 0;
    soci::indicator revoked_ind = consent.revoked_at ? soci::i_ok : soci::i_null;
    session_
        << "INSERT INTO consents (id, account_id, scope, identity, given_at, revoked_at) VALUES "
           "(:id, :account_id, :scope, :identity, :given_at, :revoked_at)",
        soci::use(consent.id, "id"), soci::use(consent.account_id, "account_id"),
        soci::use(consent.scope, "scope"), soci::use(consent.identity, "identity"),
        soci::use(given_at, "given_at"), soci::use(revoked_at, revoked_ind, "revoked_at");
    return common::Ok();
  });
}

common::Result<std::optional<domain::Consent>> SociConsentRepository::FindActive(
    const std::string& account_id, common::TimePoint at) {
  return Guarded("find active consent", [&]() -> common::Result<std::optional<domain::Consent>> {
    const long long at_given = ToMicros(at);
    const long long at_revoked = at_given;  // SOCI binds each name once: two names for one value
    domain::Consent consent;
    long long given_at = 0, revoked_at = 0;
    soci::indicator revoked_ind = soci::i_ok;
    session_ << "SELECT id, account_id, scope, identity, given_at, revoked_at FROM consents "
                "WHERE account_id = :account_id AND given_at <= :at_given "
                "AND (revoked_at IS NULL OR revoked_at > :at_revoked) "
                "ORDER BY given_at DESC, id DESC LIMIT 1",
        soci::into(consent.id), soci::into(consent.account_id), soci::into(consent.scope),
        soci::into(consent.identity), soci::into(given_at), soci::into(revoked_at, revoked_ind),
        soci::use(account_id, "account_id"), soci::use(at_given, "at_given"),
        soci::use(at_revoked, "at_revoked");
    if (!session_.got_data()) return std::optional<domain::Consent>();
    consent.given_at = FromMicros(given_at);
    if (revoked_ind != soci::i_null) consent.revoked_at = FromMicros(revoked_at);
    return std::optional(std::move(consent));
  });
}

common::Result<void> SociConsentRepository::Revoke(const std::string& consent_id,
                                                   common::TimePoint at) {
  return WithSavepoint(session_, "revoke consent", [&]() -> common::Result<void> {
    const long long revoked_at = ToMicros(at);
    soci::statement update = (session_.prepare << "UPDATE consents SET revoked_at = :revoked_at "
                                                  "WHERE id = :id AND revoked_at IS NULL",
                              soci::use(revoked_at, "revoked_at"), soci::use(consent_id, "id"));
    update.execute(true);
    if (update.get_affected_rows() > 0) return common::Ok();
    int count = 0;
    session_ << "SELECT COUNT(*) FROM consents WHERE id = :id", soci::into(count),
        soci::use(consent_id, "id");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "consent not found");
    return common::Ok();
  });
}

}  // namespace sealpost::adapters::storage
