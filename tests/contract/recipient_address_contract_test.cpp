// Contract of the recipient address repository on SQLite and PostgreSQL (fixture:
// storage_contract_fixture.hpp): a verification link works once, only verified and not removed
// addresses route, addresses compare without ASCII case, an account removes only its own.
#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace sealpost::testing {
namespace {

using common::ErrorCode;

domain::RecipientAddress MakeAddress(const std::string& id, const std::string& account,
                                     const std::string& email, common::TimePoint requested) {
  domain::RecipientAddress a;
  a.id = id;
  a.account_id = account;
  a.email = email;
  a.token_hash = std::string(63, 'e') + id.back();
  a.requested_by_account_id = Id(1);
  a.requested_by = "Zoë Peeters (85.07.30-033.28)";
  a.locale = "fr";
  a.requested_at = requested;
  a.expires_at = requested + domain::kAddressVerificationLifetime;
  return a;
}

TEST_P(StorageContract, RecipientAddressesVerifyOnceAndRouteOnlyWhenVerified) {
  Seed();  // person Id(1), company Id(2)
  const auto pending = MakeAddress(Id(20), Id(2), "Legal@Example.be", kT0);
  const auto other = MakeAddress(Id(21), Id(1), "legal@example.be", kT0 + 1s);
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.RecipientAddresses().Insert(pending));
    ASSERT_OK(u.RecipientAddresses().Insert(other));
    ASSERT_ERROR(u.RecipientAddresses().Insert(MakeAddress(Id(30), Id(2), "x@example.be", kT0)),
                 ErrorCode::kConflict);  // the same token hash as Id(20)
  });
  auto u = Begin();
  auto found = u->RecipientAddresses().FindByTokenHash(pending.token_hash);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->email, "Legal@Example.be");
  EXPECT_EQ((*found)->requested_by, "Zoë Peeters (85.07.30-033.28)");
  EXPECT_EQ((*found)->locale, "fr");
  EXPECT_EQ((*found)->expires_at, pending.expires_at);
  EXPECT_EQ((*found)->StatusAt(kT0), domain::RecipientAddressStatus::kPending);
  EXPECT_FALSE(u->RecipientAddresses().FindByTokenHash(std::string(64, '0'))->has_value());

  // Pending addresses do not route.
  auto routed = u->RecipientAddresses().AccountsVerifiedAt("legal@example.be");
  ASSERT_OK(routed);
  EXPECT_TRUE(routed->empty());

  ASSERT_OK(u->RecipientAddresses().MarkVerified(pending.id, kT0 + 5s));
  ASSERT_ERROR(u->RecipientAddresses().MarkVerified(pending.id, kT0 + 6s), ErrorCode::kConflict);
  routed = u->RecipientAddresses().AccountsVerifiedAt("LEGAL@example.BE");
  ASSERT_OK(routed);
  EXPECT_EQ(*routed, std::vector<std::string>{Id(2)});

  // Removal: only by the owning account; a removed address neither routes nor verifies.
  ASSERT_ERROR(u->RecipientAddresses().Remove(pending.id, Id(1), kT0 + 7s), ErrorCode::kNotFound);
  ASSERT_OK(u->RecipientAddresses().Remove(pending.id, Id(2), kT0 + 7s));
  EXPECT_TRUE(u->RecipientAddresses().AccountsVerifiedAt("legal@example.be")->empty());
  ASSERT_OK(u->RecipientAddresses().Remove(other.id, Id(1), kT0 + 8s));
  ASSERT_ERROR(u->RecipientAddresses().MarkVerified(other.id, kT0 + 9s), ErrorCode::kConflict);

  auto listed = u->RecipientAddresses().ListByAccount(Id(2));
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).verified_at, kT0 + 5s);
  EXPECT_EQ(listed->at(0).removed_at, kT0 + 7s);
  EXPECT_EQ(listed->at(0).StatusAt(kT0 + 10s), domain::RecipientAddressStatus::kRemoved);
  ASSERT_OK(u->Commit());
}

}  // namespace
}  // namespace sealpost::testing
