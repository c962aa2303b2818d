// Contract of the storage ports (app/ports/database.hpp and the repositories), run unchanged on
// SQLite and on PostgreSQL. PostgreSQL needs SEALPOST_TEST_POSTGRES_URL
// (scripts/postgres-test-cluster.sh); without it the PostgreSQL instantiation fails unless
// SEALPOST_ALLOW_NO_POSTGRES=1.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "adapters/storage/migrations.hpp"
#include "adapters/storage/soci_database.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "storage_contract_fixture.hpp"
#include "storage_test_database.hpp"

namespace sealpost::testing {
namespace {

using adapters::storage::SociDatabase;
using common::ErrorCode;
using common::TimePoint;
using namespace std::chrono_literals;

domain::EvidenceRecord MakeEvidence(const std::string& id, const std::string& item_id,
                                    const std::string& delivery_id, std::int64_t leaf_index) {
  domain::EvidenceRecord e;
  e.id = id;
  e.item_id = item_id;
  e.delivery_id = delivery_id;
  e.event = domain::EvidenceEvent::kSubmissionAcceptance;
  e.event_time = kT0 + 1s;
  e.sealed_xml = "<ers:Evidence xmlns:ers=\"http://uri.etsi.org/19522/v1#\">é</ers:Evidence>\n";
  e.sha256 = std::string(64, 'b');
  e.leaf_index = leaf_index;
  return e;
}

common::Sha256Digest Leaf(int n) { return common::Sha256("leaf " + std::to_string(n)); }

void ExpectSameAccount(const domain::Account& a, const domain::Account& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.display_name, b.display_name);
  EXPECT_EQ(a.email, b.email);
  EXPECT_EQ(a.enterprise_number, b.enterprise_number);
  EXPECT_EQ(a.national_number, b.national_number);
  EXPECT_EQ(a.assurance_level, b.assurance_level);
  EXPECT_EQ(a.authentication_method, b.authentication_method);
  EXPECT_EQ(a.can_send, b.can_send);
  EXPECT_EQ(a.created_at, b.created_at);
}

std::vector<std::string> Ids(const auto& records) {
  std::vector<std::string> ids;
  for (const auto& r : records) ids.push_back(r.id);
  return ids;
}

// --- accounts ---

TEST_P(StorageContract, AccountRoundTripAndLookups) {
  const auto person = Person(Id(1), "Jan.Peeters@Example.org", "85073003328");
  const auto company = Company(Id(2), "0417497106", kT0 + 1s);
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Accounts().Insert(person));
    ASSERT_OK(u.Accounts().Insert(company));
  });
  auto u = Begin();
  auto by_id = u->Accounts().FindById(Id(1));
  ASSERT_OK(by_id);
  ASSERT_TRUE(by_id->has_value());
  ExpectSameAccount(**by_id, person);
  auto by_enterprise = u->Accounts().FindByEnterpriseNumber("0417497106");
  ASSERT_OK(by_enterprise);
  ASSERT_TRUE(by_enterprise->has_value());
  ExpectSameAccount(**by_enterprise, company);
  auto by_national = u->Accounts().FindByNationalNumber("85073003328");
  ASSERT_OK(by_national);
  ASSERT_TRUE(by_national->has_value());
  EXPECT_EQ((*by_national)->id, Id(1));

  auto missing = u->Accounts().FindById(Id(99));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto missing_enterprise = u->Accounts().FindByEnterpriseNumber("0000000097");
  ASSERT_OK(missing_enterprise);
  EXPECT_FALSE(missing_enterprise->has_value());
  // An empty identifier never matches the accounts that have none.
  auto empty_enterprise = u->Accounts().FindByEnterpriseNumber("");
  ASSERT_OK(empty_enterprise);
  EXPECT_FALSE(empty_enterprise->has_value());
  auto empty_national = u->Accounts().FindByNationalNumber("");
  ASSERT_OK(empty_national);
  EXPECT_FALSE(empty_national->has_value());
}

TEST_P(StorageContract, AccountFindByEmailIsCaseInsensitiveOldestFirst) {
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Accounts().Insert(Person(Id(3), "Shared@Example.ORG", "", kT0 + 2s)));
    ASSERT_OK(u.Accounts().Insert(Person(Id(1), "shared@example.org", "", kT0 + 1s)));
    ASSERT_OK(u.Accounts().Insert(Person(Id(2), "other@example.org", "", kT0)));
  });
  auto u = Begin();
  auto found = u->Accounts().FindByEmail("SHARED@example.org");
  ASSERT_OK(found);
  EXPECT_EQ(Ids(*found), (std::vector<std::string>{Id(1), Id(3)}));
  auto none = u->Accounts().FindByEmail("nobody@example.org");
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StorageContract, AccountDuplicatesConflictAndTheUnitOfWorkStaysUsable) {
  auto u = Begin();
  ASSERT_OK(u->Accounts().Insert(Company(Id(1), "0417497106")));
  ASSERT_ERROR(u->Accounts().Insert(Company(Id(1), "0203201340")),
               ErrorCode::kConflict);  // same id
  ASSERT_ERROR(u->Accounts().Insert(Company(Id(2), "0417497106")),
               ErrorCode::kConflict);  // same number
  ASSERT_OK(u->Accounts().Insert(Person(Id(3), "x@example.org", "85073003328")));
  ASSERT_ERROR(u->Accounts().Insert(Person(Id(4), "y@example.org", "85073003328")),
               ErrorCode::kConflict);
  // Many accounts without an enterprise or national number are fine (NULL is not a duplicate).
  ASSERT_OK(u->Accounts().Insert(Person(Id(5), "z@example.org", "")));
  ASSERT_OK(u->Accounts().Insert(Person(Id(6), "z@example.org", "")));
  ASSERT_OK(u->Commit());

  auto check = Begin();
  for (int n : {1, 3, 5, 6}) {
    auto found = check->Accounts().FindById(Id(n));
    ASSERT_OK(found);
    EXPECT_TRUE(found->has_value()) << n;
  }
  auto first = check->Accounts().FindById(Id(1));
  ASSERT_OK(first);
  EXPECT_EQ((*first)->enterprise_number, "0417497106");
  auto second = check->Accounts().FindById(Id(2));
  ASSERT_OK(second);
  EXPECT_FALSE(second->has_value());
}

// --- API keys ---

domain::ApiKey Key(const std::string& id, const std::string& account, const std::string& hash,
                   TimePoint created) {
  domain::ApiKey k;
  k.id = id;
  k.account_id = account;
  k.label = "ERP";
  k.prefix = "sp_live_ab";
  k.secret_hash = hash;
  k.scopes = "send read";
  k.created_at = created;
  return k;
}

TEST_P(StorageContract, ApiKeys) {
  Seed();
  const std::string hash1(64, '1'), hash2(64, '2');
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.ApiKeys().Insert(Key(Id(11), Id(1), hash1, kT0 + 1s)));
    ASSERT_OK(u.ApiKeys().Insert(Key(Id(10), Id(1), hash2, kT0 + 2s)));
    ASSERT_ERROR(u.ApiKeys().Insert(Key(Id(12), Id(2), hash1, kT0)),
                 ErrorCode::kConflict);  // same secret
    ASSERT_ERROR(u.ApiKeys().Insert(Key(Id(11), Id(2), std::string(64, '3'), kT0)),
                 ErrorCode::kConflict);
  });
  auto u = Begin();
  auto found = u->ApiKeys().FindBySecretHash(hash1);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, Id(11));
  EXPECT_EQ((*found)->account_id, Id(1));
  EXPECT_EQ((*found)->label, "ERP");
  EXPECT_EQ((*found)->prefix, "sp_live_ab");
  EXPECT_EQ((*found)->scopes, "send read");
  EXPECT_EQ((*found)->created_at, kT0 + 1s);
  EXPECT_FALSE((*found)->revoked_at.has_value());
  auto missing = u->ApiKeys().FindBySecretHash(std::string(64, '9'));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());

  auto listed = u->ApiKeys().ListByAccount(Id(1));
  ASSERT_OK(listed);
  EXPECT_EQ(Ids(*listed), (std::vector<std::string>{Id(11), Id(10)}));  // oldest first
  auto none = u->ApiKeys().ListByAccount(Id(2));
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());

  ASSERT_ERROR(u->ApiKeys().Revoke(Id(11), Id(2), kT0 + 5s), ErrorCode::kNotFound);  // not theirs
  ASSERT_ERROR(u->ApiKeys().Revoke(Id(99), Id(1), kT0 + 5s), ErrorCode::kNotFound);
  ASSERT_OK(u->ApiKeys().Revoke(Id(11), Id(1), kT0 + 5s));
  ASSERT_OK(u->ApiKeys().Revoke(Id(11), Id(1), kT0 + 9s));  // again: keeps the first time
  ASSERT_OK(u->Commit());

  auto check = Begin();
  auto revoked = check->ApiKeys().FindBySecretHash(hash1);
  ASSERT_OK(revoked);
  ASSERT_TRUE((*revoked)->revoked_at.has_value());
  EXPECT_EQ(*(*revoked)->revoked_at, kT0 + 5s);
  auto other = check->ApiKeys().FindBySecretHash(hash2);
  ASSERT_OK(other);
  EXPECT_FALSE((*other)->revoked_at.has_value());
}

TEST_P(StorageContract, ApiKeyLastUse) {
  Seed();
  const std::string hash(64, '1');
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.ApiKeys().Insert(Key(Id(11), Id(1), hash, kT0)));
    ASSERT_ERROR(u.ApiKeys().MarkUsed(Id(99), kT0), ErrorCode::kNotFound);
  });
  {
    auto u = Begin();
    auto found = u->ApiKeys().FindBySecretHash(hash);
    ASSERT_OK(found);
    EXPECT_FALSE((*found)->last_used_at.has_value());
  }
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.ApiKeys().MarkUsed(Id(11), kT0 + 10s));
    ASSERT_OK(u.ApiKeys().MarkUsed(Id(11), kT0 + 5s));  // never backwards
  });
  auto u = Begin();
  auto found = u->ApiKeys().FindBySecretHash(hash);
  ASSERT_OK(found);
  ASSERT_TRUE((*found)->last_used_at.has_value());
  EXPECT_EQ(*(*found)->last_used_at, kT0 + 10s);
  auto listed = u->ApiKeys().ListByAccount(Id(1));
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().last_used_at, kT0 + 10s);
}

// --- sessions ---

domain::Session MakeSession(const std::string& id_hash, TimePoint created = kT0) {
  domain::Session s;
  s.id_hash = id_hash;
  s.locale = "nl";
  s.created_at = created;
  s.last_seen_at = created;
  s.expires_at = created + domain::kSessionLifetime;
  return s;
}

void ExpectSameSession(const domain::Session& a, const domain::Session& b) {
  EXPECT_EQ(a.id_hash, b.id_hash);
  EXPECT_EQ(a.account_id, b.account_id);
  EXPECT_EQ(a.locale, b.locale);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.last_seen_at, b.last_seen_at);
  EXPECT_EQ(a.expires_at, b.expires_at);
  ASSERT_EQ(a.pending.has_value(), b.pending.has_value());
  if (a.pending) {
    EXPECT_EQ(a.pending->provider_id, b.pending->provider_id);
    EXPECT_EQ(a.pending->state_hash, b.pending->state_hash);
    EXPECT_EQ(a.pending->nonce, b.pending->nonce);
    EXPECT_EQ(a.pending->code_verifier, b.pending->code_verifier);
    EXPECT_EQ(a.pending->redirect_uri, b.pending->redirect_uri);
    EXPECT_EQ(a.pending->started_at, b.pending->started_at);
  }
  EXPECT_EQ(a.auth_provider, b.auth_provider);
  EXPECT_EQ(a.auth_acr, b.auth_acr);
  EXPECT_EQ(a.auth_assurance_level, b.auth_assurance_level);
  EXPECT_EQ(a.authenticated_at, b.authenticated_at);
  EXPECT_EQ(a.failed_sign_ins, b.failed_sign_ins);
  EXPECT_EQ(a.failed_since, b.failed_since);
  EXPECT_EQ(a.version, b.version);
}

TEST_P(StorageContract, SessionRoundTripAndUpdates) {
  Seed();
  const std::string h1(64, 'a'), h2(64, 'b');
  domain::Session s = MakeSession(h1);
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Sessions().Insert(s));
    ASSERT_ERROR(u.Sessions().Insert(MakeSession(h1)), ErrorCode::kConflict);
  });
  auto u = Begin();
  auto found = u->Sessions().FindByIdHash(h1);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  ExpectSameSession(**found, s);
  auto missing = u->Sessions().FindByIdHash(h2);
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());

  // Set pending, then sign in with it cleared; each Update bumps the version.
  s.pending = domain::SignInAttempt{"itsme",    std::string(64, 'c'),       "nonce é",
                                    "verifier", "https://sealpost.test/cb", kT0 + 1s};
  s.failed_sign_ins = 2;
  s.failed_since = kT0 + 2s;
  ASSERT_OK(u->Sessions().Update(s));
  s.version = 1;
  auto with_pending = u->Sessions().FindByIdHash(h1);
  ASSERT_OK(with_pending);
  ExpectSameSession(**with_pending, s);

  ASSERT_ERROR(u->Sessions().Update(MakeSession(h1)), ErrorCode::kConflict);  // stale version 0
  ASSERT_ERROR(u->Sessions().Update(MakeSession(h2)), ErrorCode::kNotFound);

  s.pending.reset();
  s.account_id = Id(1);
  s.auth_provider = "itsme";
  s.auth_acr = "http://itsme.services/v2/claim/acr_advanced";
  s.auth_assurance_level = "http://eidas.europa.eu/LoA/high";
  s.authenticated_at = kT0 + 3s;
  s.failed_sign_ins = 0;
  s.failed_since.reset();
  s.locale = "fr";
  ASSERT_OK(u->Sessions().Update(s));
  s.version = 2;
  ASSERT_OK(u->Commit());

  auto check = Begin();
  auto signed_in = check->Sessions().FindByIdHash(h1);
  ASSERT_OK(signed_in);
  ExpectSameSession(**signed_in, s);

  // Touch moves last_seen forward only, without a version change.
  ASSERT_OK(check->Sessions().Touch(h1, kT0 + 60s));
  ASSERT_OK(check->Sessions().Touch(h1, kT0 + 30s));
  ASSERT_OK(check->Sessions().Touch(h2, kT0 + 30s));  // missing: fine
  auto touched = check->Sessions().FindByIdHash(h1);
  ASSERT_OK(touched);
  EXPECT_EQ((*touched)->last_seen_at, kT0 + 60s);
  EXPECT_EQ((*touched)->version, 2);

  ASSERT_OK(check->Sessions().Delete(h1));
  ASSERT_OK(check->Sessions().Delete(h1));  // twice: fine
  auto deleted = check->Sessions().FindByIdHash(h1);
  ASSERT_OK(deleted);
  EXPECT_FALSE(deleted->has_value());
}

TEST_P(StorageContract, SessionAccountMustExist) {
  domain::Session s = MakeSession(std::string(64, 'a'));
  s.account_id = Id(404);
  auto u = Begin();
  auto inserted = u->Sessions().Insert(s);
  EXPECT_FALSE(inserted.has_value());
}

TEST_P(StorageContract, SessionDeleteExpired) {
  // now = kT0 + 2 h: idle ones (last seen 30 min ago or more) and old ones (12 h) go.
  const TimePoint now = kT0 + 2h;
  domain::Session fresh = MakeSession(std::string(64, '1'), kT0);
  fresh.last_seen_at = now - 29min;
  domain::Session idle = MakeSession(std::string(64, '2'), kT0);
  idle.last_seen_at = now - domain::kSessionIdleTimeout;  // exactly at the limit: expired
  domain::Session old = MakeSession(std::string(64, '3'), now - 12h);
  old.last_seen_at = now - 1min;
  domain::Session almost_old = MakeSession(std::string(64, '4'), now - 12h + 1s);
  almost_old.last_seen_at = now - 1min;
  for (const auto* s : {&fresh, &idle, &old, &almost_old}) {
    EXPECT_EQ(s->ExpiredAt(now), s == &idle || s == &old);
  }
  InTransaction([&](app::UnitOfWork& u) {
    for (const auto* s : {&fresh, &idle, &old, &almost_old}) ASSERT_OK(u.Sessions().Insert(*s));
  });
  auto u = Begin();
  auto deleted = u->Sessions().DeleteExpired(now);
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 2);
  for (const auto* s : {&fresh, &idle, &old, &almost_old}) {
    auto found = u->Sessions().FindByIdHash(s->id_hash);
    ASSERT_OK(found);
    EXPECT_EQ(found->has_value(), !s->ExpiredAt(now)) << s->id_hash.substr(0, 1);
  }
  ASSERT_OK(u->Commit());
}

// --- consents ---

TEST_P(StorageContract, Consents) {
  Seed();
  auto u = Begin();
  auto none = u->Consents().FindActive(Id(1), kT0);
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());

  domain::Consent consent{Id(20), Id(1), "all", "Jan Peeters 85073003328", kT0 + 10s, std::nullopt};
  ASSERT_OK(u->Consents().Insert(consent));
  ASSERT_ERROR(u->Consents().Insert(consent), ErrorCode::kConflict);
  auto before = u->Consents().FindActive(Id(1), kT0 + 9s);
  ASSERT_OK(before);
  EXPECT_FALSE(before->has_value());
  auto active = u->Consents().FindActive(Id(1), kT0 + 10s);
  ASSERT_OK(active);
  ASSERT_TRUE(active->has_value());
  EXPECT_EQ((*active)->id, Id(20));
  EXPECT_EQ((*active)->scope, "all");
  EXPECT_EQ((*active)->identity, "Jan Peeters 85073003328");
  EXPECT_EQ((*active)->given_at, kT0 + 10s);
  auto other_account = u->Consents().FindActive(Id(2), kT0 + 10s);
  ASSERT_OK(other_account);
  EXPECT_FALSE(other_account->has_value());

  ASSERT_ERROR(u->Consents().Revoke(Id(99), kT0 + 20s), ErrorCode::kNotFound);
  ASSERT_OK(u->Consents().Revoke(Id(20), kT0 + 20s));
  ASSERT_OK(u->Consents().Revoke(Id(20), kT0 + 30s));  // keeps the first revocation
  auto just_before = u->Consents().FindActive(Id(1), kT0 + 20s - 1us);
  ASSERT_OK(just_before);
  ASSERT_TRUE(just_before->has_value());
  EXPECT_EQ(*(*just_before)->revoked_at, kT0 + 20s);
  auto at_revocation = u->Consents().FindActive(Id(1), kT0 + 20s);
  ASSERT_OK(at_revocation);
  EXPECT_FALSE(at_revocation->has_value());
  auto later = u->Consents().FindActive(Id(1), kT0 + 25s);
  ASSERT_OK(later);
  EXPECT_FALSE(later->has_value());
}

// --- items ---

TEST_P(StorageContract, ItemRoundTripWithAttachments) {
  Seed();
  const auto item = MakeItem(Id(101), Id(1), kT0 + 1s, 3);
  InTransaction([&](app::UnitOfWork& u) { ASSERT_OK(u.Items().Insert(item)); });
  auto u = Begin();
  auto found = u->Items().FindById(Id(101));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const domain::Item& got = **found;
  EXPECT_EQ(got.sender_account_id, item.sender_account_id);
  EXPECT_EQ(got.subject, item.subject);
  EXPECT_EQ(got.message, item.message);
  EXPECT_EQ(got.status, item.status);
  EXPECT_EQ(got.wrapped_key, item.wrapped_key);
  EXPECT_EQ(got.submitted_at, item.submitted_at);
  ASSERT_EQ(got.attachments.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got.attachments[i].id, item.attachments[i].id);
    EXPECT_EQ(got.attachments[i].position, item.attachments[i].position);
    EXPECT_EQ(got.attachments[i].file_name, item.attachments[i].file_name);
    EXPECT_EQ(got.attachments[i].content_type, item.attachments[i].content_type);
    EXPECT_EQ(got.attachments[i].size, item.attachments[i].size);
    EXPECT_EQ(got.attachments[i].sha256, item.attachments[i].sha256);
    EXPECT_EQ(got.attachments[i].blob_address, item.attachments[i].blob_address);
  }
  auto missing = u->Items().FindById(Id(999));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(StorageContract, ItemInsertIsAllOrNothing) {
  Seed();
  auto u = Begin();
  ASSERT_ERROR(u->Items().Insert(MakeItem(Id(100), Id(1), kT0)),
               ErrorCode::kConflict);  // duplicate id
  auto item = MakeItem(Id(102), Id(1), kT0, 2);
  item.attachments[1].id = item.attachments[0].id;  // the second attachment fails
  ASSERT_FALSE(u->Items().Insert(item).has_value());
  auto found = u->Items().FindById(Id(102));
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value()) << "a failed insert left a partial item behind";
}

TEST_P(StorageContract, ItemsListBySenderPagesNewestFirst) {
  Seed();  // item 100 at kT0 from account 1
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Items().Insert(MakeItem(Id(101), Id(1), kT0 + 1s)));
    ASSERT_OK(
        u.Items().Insert(MakeItem(Id(103), Id(1), kT0 + 2s)));  // same time: id breaks the tie
    ASSERT_OK(u.Items().Insert(MakeItem(Id(102), Id(1), kT0 + 2s)));
    ASSERT_OK(u.Items().Insert(MakeItem(Id(104), Id(1), kT0 + 3s, 1)));
    ASSERT_OK(u.Items().Insert(MakeItem(Id(105), Id(2), kT0 + 4s)));  // another sender
  });
  const std::vector<std::string> expected{Id(104), Id(103), Id(102), Id(101), Id(100)};
  auto u = Begin();
  auto all = u->Items().ListBySender(Id(1), {50, ""});
  ASSERT_OK(all);
  EXPECT_EQ(Ids(*all), expected);
  EXPECT_EQ((*all)[0].attachments.size(), 1u);

  std::vector<std::string> paged;
  std::string after;
  int pages = 0;
  while (true) {
    auto page = u->Items().ListBySender(Id(1), {2, after});
    ASSERT_OK(page);
    if (page->empty()) break;
    ASSERT_LE(page->size(), 2u);
    for (const auto& item : *page) paged.push_back(item.id);
    after = page->back().id;
    ASSERT_LT(++pages, 10);
  }
  EXPECT_EQ(paged, expected);
  EXPECT_EQ(pages, 3);

  auto last = u->Items().ListBySender(Id(1), {2, Id(100)});
  ASSERT_OK(last);
  EXPECT_TRUE(last->empty());
  auto zero = u->Items().ListBySender(Id(1), {0, ""});
  ASSERT_OK(zero);
  EXPECT_TRUE(zero->empty());
  ASSERT_ERROR(u->Items().ListBySender(Id(1), {2, Id(999)}), ErrorCode::kInvalidArgument);
  ASSERT_ERROR(u->Items().ListBySender(Id(1), {2, Id(105)}),
               ErrorCode::kInvalidArgument);  // other sender's
  auto nobody = u->Items().ListBySender(Id(77), {2, ""});
  ASSERT_OK(nobody);
  EXPECT_TRUE(nobody->empty());
}

// --- deliveries ---

TEST_P(StorageContract, DeliveryRoundTripAndListByItem) {
  Seed();
  auto d1 = MakeDelivery(Id(202), Id(100), 2);
  d1.deadline = kT0 + 24h;
  d1.state = domain::DeliveryState::kAwaitingAcceptance;
  d1.version = 3;
  auto d0 = MakeDelivery(Id(201), Id(100), 1);
  d0.recipient = {"b@example.org", "Bedrijf", "0417497106", ""};
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Deliveries().Insert(d1));
    ASSERT_OK(u.Deliveries().Insert(d0));
    ASSERT_ERROR(u.Deliveries().Insert(d0), ErrorCode::kConflict);
    auto same_position = MakeDelivery(Id(203), Id(100), 1);
    ASSERT_ERROR(u.Deliveries().Insert(same_position), ErrorCode::kConflict);
  });
  auto u = Begin();
  auto found = u->Deliveries().FindById(Id(202));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const auto& got = **found;
  EXPECT_EQ(got.item_id, Id(100));
  EXPECT_EQ(got.position, 2);
  EXPECT_EQ(got.recipient.email, "r@example.org");
  EXPECT_EQ(got.recipient.name, "Recipient");
  EXPECT_EQ(got.recipient.enterprise_number, "");
  EXPECT_EQ(got.recipient.national_number, "85073003328");
  EXPECT_EQ(got.recipient_account_id, "");
  EXPECT_EQ(got.state, domain::DeliveryState::kAwaitingAcceptance);
  EXPECT_EQ(got.state_changed_at, kT0);
  ASSERT_TRUE(got.deadline.has_value());
  EXPECT_EQ(*got.deadline, kT0 + 24h);
  EXPECT_EQ(got.version, 3);
  auto other = u->Deliveries().FindById(Id(201));
  ASSERT_OK(other);
  EXPECT_EQ((*other)->recipient.enterprise_number, "0417497106");
  EXPECT_FALSE((*other)->deadline.has_value());
  auto missing = u->Deliveries().FindById(Id(299));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());

  auto by_item = u->Deliveries().ListByItem(Id(100));
  ASSERT_OK(by_item);
  EXPECT_EQ(Ids(*by_item), (std::vector<std::string>{Id(200), Id(201), Id(202)}));  // by position
  auto empty = u->Deliveries().ListByItem(Id(999));
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_P(StorageContract, DeliveryUpdateUsesOptimisticVersions) {
  Seed();
  auto u = Begin();
  auto read = u->Deliveries().FindById(Id(200));
  ASSERT_OK(read);
  domain::Delivery d = **read;
  EXPECT_EQ(d.version, 0);
  EXPECT_EQ(d.recipient_account_id, Id(2));
  d.state = domain::DeliveryState::kAwaitingAcceptance;
  d.state_changed_at = kT0 + 1s;
  d.deadline = kT0 + 15 * 24h;
  d.recipient_account_id = "";
  ASSERT_OK(u->Deliveries().Update(d));
  ASSERT_ERROR(u->Deliveries().Update(d), ErrorCode::kConflict);  // version 0 is stale now

  auto reread = u->Deliveries().FindById(Id(200));
  ASSERT_OK(reread);
  EXPECT_EQ((*reread)->version, 1);
  EXPECT_EQ((*reread)->state, domain::DeliveryState::kAwaitingAcceptance);
  EXPECT_EQ((*reread)->state_changed_at, kT0 + 1s);
  EXPECT_EQ((*reread)->deadline, std::optional(kT0 + 15 * 24h));
  EXPECT_EQ((*reread)->recipient_account_id, "");

  domain::Delivery next = **reread;
  next.state = domain::DeliveryState::kConsignmentAccepted;
  next.deadline.reset();
  next.recipient_account_id = Id(1);
  ASSERT_OK(u->Deliveries().Update(next));
  auto last = u->Deliveries().FindById(Id(200));
  ASSERT_OK(last);
  EXPECT_EQ((*last)->version, 2);
  EXPECT_FALSE((*last)->deadline.has_value());
  EXPECT_EQ((*last)->recipient_account_id, Id(1));

  auto ghost = MakeDelivery(Id(299), Id(100), 9);
  ASSERT_ERROR(u->Deliveries().Update(ghost), ErrorCode::kNotFound);
}

TEST_P(StorageContract, DeliveryUpdateConflictAcrossUnitsOfWork) {
  Seed();
  auto first = Begin();
  auto a = first->Deliveries().FindById(Id(200));
  ASSERT_OK(a);
  ASSERT_OK(first->Commit());
  domain::Delivery copy = **a;
  copy.state = domain::DeliveryState::kConsigned;
  InTransaction([&](app::UnitOfWork& u) { ASSERT_OK(u.Deliveries().Update(copy)); });
  InTransaction(
      [&](app::UnitOfWork& u) { ASSERT_ERROR(u.Deliveries().Update(copy), ErrorCode::kConflict); });
}

TEST_P(StorageContract, InboxPagesNewestItemFirst) {
  Seed();  // delivery 200 of item 100 (kT0) to account 2
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Items().Insert(MakeItem(Id(101), Id(1), kT0 + 1s)));
    ASSERT_OK(u.Items().Insert(MakeItem(Id(102), Id(1), kT0 + 2s)));
    ASSERT_OK(u.Deliveries().Insert(MakeDelivery(Id(210), Id(101), 0, Id(2))));
    ASSERT_OK(u.Deliveries().Insert(MakeDelivery(Id(220), Id(102), 0, Id(2))));
    ASSERT_OK(u.Deliveries().Insert(MakeDelivery(Id(221), Id(102), 1, Id(2))));
    ASSERT_OK(
        u.Deliveries().Insert(MakeDelivery(Id(222), Id(102), 2, Id(1))));  // someone else's inbox
    ASSERT_OK(u.Deliveries().Insert(MakeDelivery(Id(223), Id(102), 3)));   // not consigned
  });
  const std::vector<std::string> expected{Id(221), Id(220), Id(210), Id(200)};
  auto u = Begin();
  auto all = u->Deliveries().ListByRecipientAccount(Id(2), {10, ""});
  ASSERT_OK(all);
  EXPECT_EQ(Ids(*all), expected);
  std::vector<std::string> paged;
  std::string after;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = u->Deliveries().ListByRecipientAccount(Id(2), {3, after});
    ASSERT_OK(page);
    if (page->empty()) break;
    for (const auto& d : *page) paged.push_back(d.id);
    after = page->back().id;
  }
  EXPECT_EQ(paged, expected);
  ASSERT_ERROR(u->Deliveries().ListByRecipientAccount(Id(2), {3, Id(222)}),
               ErrorCode::kInvalidArgument);
  auto zero = u->Deliveries().ListByRecipientAccount(Id(2), {0, ""});
  ASSERT_OK(zero);
  EXPECT_TRUE(zero->empty());
}

TEST_P(StorageContract, ListDeadlinePassed) {
  Seed();
  auto make = [](int n, int position, domain::DeliveryState state,
                 std::optional<TimePoint> deadline) {
    auto d = MakeDelivery(Id(n), Id(100), position);
    d.state = state;
    d.deadline = deadline;
    return d;
  };
  using S = domain::DeliveryState;
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Deliveries().Insert(make(301, 1, S::kAwaitingAcceptance, kT0 + 10s)));
    ASSERT_OK(u.Deliveries().Insert(make(302, 2, S::kConsigned, kT0 + 5s)));
    ASSERT_OK(u.Deliveries().Insert(make(303, 3, S::kNotified, kT0 + 20s)));  // in the future
    ASSERT_OK(u.Deliveries().Insert(make(304, 4, S::kExpired, kT0)));         // final
    ASSERT_OK(u.Deliveries().Insert(make(305, 5, S::kHandedOver, kT0)));      // final
    ASSERT_OK(u.Deliveries().Insert(make(306, 6, S::kConsignmentAccepted, kT0 + 10s)));
  });
  auto u = Begin();
  auto due = u->Deliveries().ListDeadlinePassed(kT0 + 10s, 10);
  ASSERT_OK(due);
  EXPECT_EQ(Ids(*due),
            (std::vector<std::string>{Id(302), Id(301), Id(306)}));  // earliest first; at == due
  auto limited = u->Deliveries().ListDeadlinePassed(kT0 + 10s, 1);
  ASSERT_OK(limited);
  EXPECT_EQ(Ids(*limited), (std::vector<std::string>{Id(302)}));
  auto early = u->Deliveries().ListDeadlinePassed(kT0 + 4s, 10);
  ASSERT_OK(early);
  EXPECT_TRUE(early->empty());
}

// --- evidence and log ---

TEST_P(StorageContract, EvidenceRoundTripAndListInLogOrder) {
  Seed();
  auto e1 = MakeEvidence(Id(401), Id(100), Id(200), 1);
  e1.event = domain::EvidenceEvent::kConsignmentRejection;
  e1.reason_code = "RC08";
  auto e0 = MakeEvidence(Id(402), Id(100), "", 0);  // no delivery
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_OK(u.Evidence().Insert(e1));
    ASSERT_OK(u.Evidence().Insert(e0));
    ASSERT_ERROR(u.Evidence().Insert(e0), ErrorCode::kConflict);
    ASSERT_ERROR(u.Evidence().Insert(MakeEvidence(Id(403), Id(100), "", 1)),
                 ErrorCode::kConflict);  // leaf 1 taken
  });
  auto u = Begin();
  auto found = u->Evidence().FindById(Id(401));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const auto& got = **found;
  EXPECT_EQ(got.item_id, Id(100));
  EXPECT_EQ(got.delivery_id, Id(200));
  EXPECT_EQ(got.event, domain::EvidenceEvent::kConsignmentRejection);
  EXPECT_EQ(got.reason_code, "RC08");
  EXPECT_EQ(got.event_time, e1.event_time);
  EXPECT_EQ(got.sealed_xml, e1.sealed_xml);  // byte for byte
  EXPECT_EQ(got.sha256, e1.sha256);
  EXPECT_EQ(got.leaf_index, 1);
  auto without_delivery = u->Evidence().FindById(Id(402));
  ASSERT_OK(without_delivery);
  EXPECT_EQ((*without_delivery)->delivery_id, "");
  auto missing = u->Evidence().FindById(Id(499));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto listed = u->Evidence().ListByItem(Id(100));
  ASSERT_OK(listed);
  EXPECT_EQ(Ids(*listed), (std::vector<std::string>{Id(402), Id(401)}));
  auto none = u->Evidence().ListByItem(Id(999));
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StorageContract, LogIsAppendOnlyAndGapFree) {
  Seed();
  auto u = Begin();
  for (int i = 0; i < 4; ++i)
    ASSERT_OK(u->Evidence().Insert(MakeEvidence(Id(500 + i), Id(100), "", i)));
  auto size = u->Log().Size();
  ASSERT_OK(size);
  EXPECT_EQ(*size, 0);
  ASSERT_ERROR(u->Log().Append(1, Leaf(1), Id(501)), ErrorCode::kConflict);  // gap
  ASSERT_ERROR(u->Log().Append(-1, Leaf(0), Id(500)), ErrorCode::kConflict);
  ASSERT_OK(u->Log().Append(0, Leaf(0), Id(500)));
  ASSERT_ERROR(u->Log().Append(0, Leaf(9), Id(501)), ErrorCode::kConflict);  // duplicate index
  ASSERT_ERROR(u->Log().Append(1, Leaf(1), Id(500)), ErrorCode::kConflict);  // evidence has a leaf
  ASSERT_OK(u->Log().Append(1, Leaf(1), Id(501)));
  ASSERT_OK(u->Log().Append(2, Leaf(2), Id(502)));
  ASSERT_ERROR(u->Log().Append(4, Leaf(4), Id(503)), ErrorCode::kConflict);
  ASSERT_OK(u->Commit());

  auto r = Begin();
  size = r->Log().Size();
  ASSERT_OK(size);
  EXPECT_EQ(*size, 3);
  auto all = r->Log().LeafHashes(0, 3);
  ASSERT_OK(all);
  EXPECT_EQ(*all, (std::vector<common::Sha256Digest>{Leaf(0), Leaf(1), Leaf(2)}));
  auto middle = r->Log().LeafHashes(1, 2);
  ASSERT_OK(middle);
  EXPECT_EQ(*middle, (std::vector<common::Sha256Digest>{Leaf(1)}));
  auto empty = r->Log().LeafHashes(3, 3);
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
  ASSERT_ERROR(r->Log().LeafHashes(0, 4), ErrorCode::kInvalidArgument);
  ASSERT_ERROR(r->Log().LeafHashes(2, 1), ErrorCode::kInvalidArgument);
  ASSERT_ERROR(r->Log().LeafHashes(-1, 1), ErrorCode::kInvalidArgument);
}

TEST_P(StorageContract, LogLeafForMissingEvidenceFailsAtCommit) {
  Seed();
  auto u = Begin();
  // The foreign key is checked at commit, so append-before-insert is allowed within one
  // transaction...
  ASSERT_OK(u->Log().Append(0, Leaf(0), Id(600)));
  ASSERT_OK(u->Evidence().Insert(MakeEvidence(Id(600), Id(100), "", 0)));
  ASSERT_OK(u->Log().Append(1, Leaf(1), Id(601)));  // ...but this evidence never comes
  auto committed = u->Commit();
  ASSERT_FALSE(committed.has_value());
  u.reset();
  auto r = Begin();
  auto size = r->Log().Size();
  ASSERT_OK(size);
  EXPECT_EQ(*size, 0);
  auto evidence = r->Evidence().FindById(Id(600));
  ASSERT_OK(evidence);
  EXPECT_FALSE(evidence->has_value());
}

TEST_P(StorageContract, Checkpoints) {
  auto u = Begin();
  auto none = u->Log().LatestCheckpoint();
  ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  app::StoredCheckpoint small{
      2, std::string(64, 'c'), "sealpost.example/log\n2\nabc=\n\n— sig\n", {}, kT0};
  app::StoredCheckpoint large{
      7, std::string(64, 'd'), "note 7\n", {0x30, 0x82, 0x00, 0xff, 0x00}, kT0 + 1s};
  ASSERT_OK(u->Log().InsertCheckpoint(large));
  ASSERT_OK(u->Log().InsertCheckpoint(small));
  ASSERT_ERROR(u->Log().InsertCheckpoint(large), ErrorCode::kConflict);
  ASSERT_OK(u->Commit());
  auto r = Begin();
  auto latest = r->Log().LatestCheckpoint();
  ASSERT_OK(latest);
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->size, 7);
  EXPECT_EQ((*latest)->root_hex, large.root_hex);
  EXPECT_EQ((*latest)->signed_note, large.signed_note);
  EXPECT_EQ((*latest)->timestamp_token, large.timestamp_token);
  EXPECT_EQ((*latest)->created_at, large.created_at);
}

// --- transactions, migrations, durability ---

TEST_P(StorageContract, UnitOfWorkDestroyedWithoutCommitRollsBack) {
  {
    auto u = Begin();
    ASSERT_OK(u->Accounts().Insert(Person(Id(1), "a@example.org", "")));
    ASSERT_OK(u->Items().Insert(MakeItem(Id(100), Id(1), kT0, 1)));
  }
  auto r = Begin();
  auto account = r->Accounts().FindById(Id(1));
  ASSERT_OK(account);
  EXPECT_FALSE(account->has_value());
  auto item = r->Items().FindById(Id(100));
  ASSERT_OK(item);
  EXPECT_FALSE(item->has_value());
}

TEST_P(StorageContract, IsolatedChangeThatFailsIsUndoneAloneAndTheRestCommits) {
  // Group commit puts independent changes in one transaction: a refused one must vanish without
  // taking its neighbours down, on both backends (PostgreSQL aborts a transaction on any error).
  {
    auto u = Begin();
    ASSERT_OK(
        u->Isolated([&] { return u->Accounts().Insert(Person(Id(1), "a@example.org", "")); }));
    auto refused = u->Isolated([&]() -> common::Result<void> {
      if (auto ok = u->Accounts().Insert(Person(Id(2), "b@example.org", "")); !ok) return ok;
      // A duplicate id fails inside the isolated change, after a successful write.
      return u->Accounts().Insert(Person(Id(1), "again@example.org", ""));
    });
    EXPECT_FALSE(refused.has_value());
    auto by_choice = u->Isolated([&]() -> common::Result<void> {
      if (auto ok = u->Accounts().Insert(Person(Id(3), "c@example.org", "")); !ok) return ok;
      return common::Fail(common::ErrorCode::kFailedPrecondition, "refused by the use case");
    });
    EXPECT_FALSE(by_choice.has_value());
    ASSERT_OK(
        u->Isolated([&] { return u->Accounts().Insert(Person(Id(4), "d@example.org", "")); }));
    ASSERT_OK(u->Commit());
    EXPECT_FALSE(u->Isolated([] { return common::Ok(); }).has_value()) << "usable after commit";
  }
  auto r = Begin();
  for (int id : {1, 4}) {
    auto found = r->Accounts().FindById(Id(id));
    ASSERT_OK(found);
    EXPECT_TRUE(found->has_value()) << id;
  }
  for (int id : {2, 3}) {
    auto found = r->Accounts().FindById(Id(id));
    ASSERT_OK(found);
    EXPECT_FALSE(found->has_value()) << id;
  }
}

TEST_P(StorageContract, CommitIsVisibleToOtherUnitsOfWorkAndUncommittedIsNot) {
  auto writer = Begin();
  ASSERT_OK(writer->Accounts().Insert(Person(Id(1), "a@example.org", "")));
  {
    auto reader = BeginReadOnly();  // another pooled connection, concurrently open
    auto before = reader->Accounts().FindById(Id(1));
    ASSERT_OK(before);
    EXPECT_FALSE(before->has_value()) << "uncommitted write visible to another unit of work";
  }
  ASSERT_OK(writer->Commit());
  ASSERT_ERROR(writer->Commit(), ErrorCode::kFailedPrecondition);
  writer.reset();
  auto reader = Begin();
  auto after = reader->Accounts().FindById(Id(1));
  ASSERT_OK(after);
  EXPECT_TRUE(after->has_value());
}

TEST_P(StorageContract, ForeignKeysAreEnforced) {
  auto u = Begin();
  auto result = u->Items().Insert(MakeItem(Id(100), Id(42), kT0));  // no such sender
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInternal) << result.error().ToString();
}

TEST_P(StorageContract, MigrationsAreIdempotentAndDataSurvivesReopen) {
  // The newest embedded migration (the same version in both dialects: migrations_test.cpp).
  const int latest = adapters::storage::SqliteMigrations().back().version;
  auto version = database_->SchemaVersion();
  ASSERT_OK(version);
  EXPECT_EQ(*version, latest);
  Seed();
  Reopen();
  Reopen();
  version = database_->SchemaVersion();
  ASSERT_OK(version);
  EXPECT_EQ(*version, latest);
  auto u = Begin();
  auto account = u->Accounts().FindById(Id(1));
  ASSERT_OK(account);
  ASSERT_TRUE(account->has_value());
  EXPECT_EQ((*account)->email, "a@example.org");
  auto item = u->Items().FindById(Id(100));
  ASSERT_OK(item);
  ASSERT_TRUE(item->has_value());
  EXPECT_EQ((*item)->attachments.size(), 1u);
}

TEST_P(StorageContract, PoolServesMoreUnitsOfWorkThanConnectionsOverTime) {
  for (int i = 0; i < 20; ++i) {
    auto u = Begin();
    ASSERT_NE(u, nullptr);
    auto size = u->Log().Size();
    ASSERT_OK(size);
  }
}

// sealpost serialises writers in the app layer (here: a mutex) while readers run concurrently; with
// that discipline no unit of work may fail on either backend (SQLite: WAL + busy_timeout).
TEST_P(StorageContract, ConcurrentReadersBesideOneWriter) {
  Seed();
  std::mutex writer_lock;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.emplace_back([&] {
    for (int i = 0; i < 25; ++i) {
      std::lock_guard lock(writer_lock);
      auto u = database_->Begin();
      if (!u || !(*u)->Evidence().Insert(MakeEvidence(Id(700 + i), Id(100), "", i)) ||
          !(*u)->Log().Append(i, Leaf(i), Id(700 + i)) || !(*u)->Commit()) {
        ++failures;
      }
    }
  });
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      long long previous = 0;
      for (int i = 0; i < 40; ++i) {
        auto u = database_->BeginReadOnly();
        if (!u) {
          ++failures;
          continue;
        }
        auto size = (*u)->Log().Size();
        if (!size || *size < previous) {
          ++failures;  // a committed leaf must never disappear
          continue;
        }
        previous = *size;
        auto leaves = (*u)->Log().LeafHashes(0, *size);
        if (!leaves || static_cast<long long>(leaves->size()) != *size) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto u = Begin();
  auto size = u->Log().Size();
  ASSERT_OK(size);
  EXPECT_EQ(*size, 25);
}

std::string BackendName(const ::testing::TestParamInfo<StorageBackend>& info) {
  return info.param == StorageBackend::kSqlite ? "Sqlite" : "Postgresql";
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract,
                         ::testing::Values(StorageBackend::kSqlite, StorageBackend::kPostgresql),
                         BackendName);

// --- Open() errors (backend-independent) ---

TEST(SociDatabaseOpen, RejectsUnknownUrls) {
  for (const std::string url : {"", "mysql://x", "sqlite:", "postgresql:", "file.db"}) {
    auto opened = SociDatabase::Open(url, 1);
    ASSERT_FALSE(opened.has_value()) << url;
    EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

TEST(SociDatabaseOpen, UnreachablePostgresIsUnavailableAndHidesThePassword) {
  auto opened = SociDatabase::Open("postgresql://u:s3cret-pw@127.0.0.1:1/db?connect_timeout=2", 1);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << opened.error().ToString();
  EXPECT_EQ(opened.error().message.find("s3cret-pw"), std::string::npos) << opened.error().message;
}

TEST(SociDatabaseOpen, SqlitePathWithSpacesAndEquals) {
  const auto dir = std::filesystem::temp_directory_path() / "sealpost storage a=b";
  std::filesystem::create_directories(dir);
  {
    auto opened = SociDatabase::Open("sqlite:" + (dir / "my db.sqlite").string(), 2);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    auto unit = (*opened)->Begin();
    ASSERT_TRUE(unit.has_value()) << unit.error().ToString();
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "my db.sqlite"));
  std::filesystem::remove_all(dir);
}

TEST(SociDatabaseOpen, UnwritableSqlitePathIsUnavailable) {
  auto opened = SociDatabase::Open("sqlite:/nonexistent-dir-sealpost/x.db", 1);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << opened.error().ToString();
}

}  // namespace
}  // namespace sealpost::testing
