#include "adapters/storage/soci_membership_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

// Stored role lists are written by RoleNames; anything else is a corrupted row.
common::Result<std::vector<domain::Role>> StoredRoles(const std::string& text) {
  auto roles = domain::ParseRoles(text);
  if (!roles) return common::Fail(common::ErrorCode::kInternal, "unknown role stored: " + text);
  return *roles;
}

}  // namespace

common::Result<void> SociMembershipRepository::Insert(const domain::Membership& m) {
  return WithSavepoint(session_, "insert membership", [&]() -> common::Result<void> {
    const long long joined_at = ToMicros(m.joined_at);
    const std::string roles = domain::RoleNames(m.roles);
    session_ << "INSERT INTO memberships (company_account_id, person_account_id, roles, joined_at, "
                "added_by) VALUES (:company, :person, :roles, :joined_at, :added_by)",
        soci::use(m.company_account_id, "company"), soci::use(m.person_account_id, "person"),
        soci::use(roles, "roles"), soci::use(joined_at, "joined_at"),
        soci::use(m.added_by, "added_by");
    return common::Ok();
  });
}

common::Result<std::vector<domain::Membership>> SociMembershipRepository::Select(
    const std::string& where, const std::string& a, const std::string& b,
    const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::Membership>> {
    domain::Membership row;
    std::string roles;
    long long joined_at = 0;
    soci::statement st(session_);
    st.exchange(soci::into(row.company_account_id));
    st.exchange(soci::into(row.person_account_id));
    st.exchange(soci::into(roles));
    st.exchange(soci::into(joined_at));
    st.exchange(soci::into(row.added_by));
    st.exchange(soci::use(a, "a"));
    if (where.find(":b") != std::string::npos) st.exchange(soci::use(b, "b"));
    st.alloc();
    st.prepare(
        "SELECT company_account_id, person_account_id, roles, joined_at, added_by FROM memberships "
        "WHERE " +
        where);
    st.define_and_bind();
    std::vector<domain::Membership> out;
    if (!st.execute(true)) return out;
    do {
      domain::Membership m = row;
      auto parsed = StoredRoles(roles);
      if (!parsed) return common::Fail(std::move(parsed.error()));
      m.roles = std::move(*parsed);
      m.joined_at = FromMicros(joined_at);
      out.push_back(std::move(m));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::optional<domain::Membership>> SociMembershipRepository::Find(
    const std::string& company_account_id, const std::string& person_account_id) {
  auto rows = Select("company_account_id = :a AND person_account_id = :b", company_account_id,
                     person_account_id, "find membership");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<domain::Membership>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<domain::Membership>> SociMembershipRepository::ListByCompany(
    const std::string& company_account_id) {
  return Select("company_account_id = :a ORDER BY joined_at, person_account_id", company_account_id,
                "", "list members");
}

common::Result<std::vector<domain::Membership>> SociMembershipRepository::ListByPerson(
    const std::string& person_account_id) {
  return Select("person_account_id = :a ORDER BY joined_at, company_account_id", person_account_id,
                "", "list memberships");
}

common::Result<void> SociMembershipRepository::UpdateRoles(const std::string& company_account_id,
                                                           const std::string& person_account_id,
                                                           const std::vector<domain::Role>& roles) {
  return WithSavepoint(session_, "update member roles", [&]() -> common::Result<void> {
    const std::string names = domain::RoleNames(roles);
    soci::statement update =
        (session_.prepare << "UPDATE memberships SET roles = :roles WHERE company_account_id = "
                             ":company AND person_account_id = :person",
         soci::use(names, "roles"), soci::use(company_account_id, "company"),
         soci::use(person_account_id, "person"));
    update.execute(true);
    if (update.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "member not found");
    return common::Ok();
  });
}

common::Result<void> SociMembershipRepository::Remove(const std::string& company_account_id,
                                                      const std::string& person_account_id) {
  return WithSavepoint(session_, "remove member", [&]() -> common::Result<void> {
    soci::statement del =
        (session_.prepare << "DELETE FROM memberships WHERE company_account_id = :company AND "
                             "person_account_id = :person",
         soci::use(company_account_id, "company"), soci::use(person_account_id, "person"));
    del.execute(true);
    if (del.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "member not found");
    return common::Ok();
  });
}

common::Result<void> SociInvitationRepository::Insert(const domain::Invitation& inv) {
  return WithSavepoint(session_, "insert invitation", [&]() -> common::Result<void> {
    const long long created_at = ToMicros(inv.created_at);
    const long long expires_at = ToMicros(inv.expires_at);
    const std::string roles = domain::RoleNames(inv.roles);
    // New invitations are pending: acceptance and revocation are recorded by their own updates.
    session_ << "INSERT INTO invitations (id, company_account_id, email, roles, token_hash, "
                "invited_by, created_at, expires_at) VALUES (:id, :company, :email, :roles, "
                ":token_hash, :invited_by, :created_at, :expires_at)",
        soci::use(inv.id, "id"), soci::use(inv.company_account_id, "company"),
        soci::use(inv.email, "email"), soci::use(roles, "roles"),
        soci::use(inv.token_hash, "token_hash"), soci::use(inv.invited_by, "invited_by"),
        soci::use(created_at, "created_at"), soci::use(expires_at, "expires_at");
    return common::Ok();
  });
}

common::Result<std::vector<domain::Invitation>> SociInvitationRepository::Select(
    const std::string& where, const std::string& value, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::Invitation>> {
    domain::Invitation row;
    std::string roles, accepted_by;
    long long created_at = 0, expires_at = 0, accepted_at = 0, revoked_at = 0;
    soci::indicator accepted_ind = soci::i_ok, accepted_by_ind = soci::i_ok,
                    revoked_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.company_account_id));
    st.exchange(soci::into(row.email));
    st.exchange(soci::into(roles));
    st.exchange(soci::into(row.token_hash));
    st.exchange(soci::into(row.invited_by));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(expires_at));
    st.exchange(soci::into(accepted_at, accepted_ind));
    st.exchange(soci::into(accepted_by, accepted_by_ind));
    st.exchange(soci::into(revoked_at, revoked_ind));
    st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(
        "SELECT id, company_account_id, email, roles, token_hash, invited_by, created_at, "
        "expires_at, accepted_at, accepted_by, revoked_at FROM invitations WHERE " +
        where);
    st.define_and_bind();
    std::vector<domain::Invitation> out;
    if (!st.execute(true)) return out;
    do {
      domain::Invitation inv = row;
      auto parsed = StoredRoles(roles);
      if (!parsed) return common::Fail(std::move(parsed.error()));
      inv.roles = std::move(*parsed);
      inv.created_at = FromMicros(created_at);
      inv.expires_at = FromMicros(expires_at);
      if (accepted_ind != soci::i_null) inv.accepted_at = FromMicros(accepted_at);
      if (accepted_by_ind != soci::i_null) inv.accepted_by = accepted_by;
      if (revoked_ind != soci::i_null) inv.revoked_at = FromMicros(revoked_at);
      out.push_back(std::move(inv));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::optional<domain::Invitation>> SociInvitationRepository::FindByTokenHash(
    const std::string& token_hash) {
  auto rows = Select("token_hash = :value", token_hash, "find invitation");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<domain::Invitation>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<domain::Invitation>> SociInvitationRepository::ListByCompany(
    const std::string& company_account_id) {
  return Select("company_account_id = :value ORDER BY created_at DESC, id", company_account_id,
                "list invitations");
}

common::Result<void> SociInvitationRepository::MarkAccepted(const std::string& id,
                                                            common::TimePoint at,
                                                            const std::string& person_account_id) {
  return WithSavepoint(session_, "accept invitation", [&]() -> common::Result<void> {
    const long long accepted_at = ToMicros(at);
    soci::statement update =
        (session_.prepare << "UPDATE invitations SET accepted_at = :at, accepted_by = :person "
                             "WHERE id = :id AND accepted_at IS NULL AND revoked_at IS NULL",
         soci::use(accepted_at, "at"), soci::use(person_account_id, "person"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      return common::Fail(common::ErrorCode::kConflict,
                          "the invitation was used or withdrawn meanwhile");
    }
    return common::Ok();
  });
}

common::Result<void> SociInvitationRepository::Revoke(const std::string& id,
                                                      const std::string& company_account_id,
                                                      common::TimePoint at) {
  return WithSavepoint(session_, "revoke invitation", [&]() -> common::Result<void> {
    const long long revoked_at = ToMicros(at);
    int count = 0;
    session_ << "SELECT COUNT(*) FROM invitations WHERE id = :id AND company_account_id = :company",
        soci::into(count), soci::use(id, "id"), soci::use(company_account_id, "company");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "invitation not found");
    session_ << "UPDATE invitations SET revoked_at = :at WHERE id = :id AND accepted_at IS NULL "
                "AND revoked_at IS NULL",
        soci::use(revoked_at, "at"), soci::use(id, "id");
    return common::Ok();
  });
}

}  // namespace sealpost::adapters::storage
