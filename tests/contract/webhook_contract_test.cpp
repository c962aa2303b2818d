// Contract of the webhook repository (endpoints, the delivery queue, attempts and the fan-out
// cursor over the evidence log) on SQLite and PostgreSQL (fixture: storage_contract_fixture.hpp).
#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace sealpost::testing {
namespace {

using common::ErrorCode;

app::WebhookEndpoint MakeEndpoint(const std::string& id, const std::string& account,
                                  common::TimePoint created) {
  app::WebhookEndpoint e;
  e.id = id;
  e.account_id = account;
  e.url = "https://erp.example.be/hooks/sealpost?tenant=42";
  e.description = "ERP – boekhouding";  // non-ASCII on purpose
  e.wrapped_key = "d3JhcHBlZCBrZXk=";
  e.secret = "c2VhbGVkIHNlY3JldA==";
  e.created_at = created;
  return e;
}

app::WebhookDelivery MakeDelivery(const std::string& id, const std::string& endpoint,
                                  common::TimePoint created, const std::string& evidence = "") {
  app::WebhookDelivery d;
  d.id = id;
  d.endpoint_id = endpoint;
  d.event_id = evidence.empty() ? id : evidence;
  d.event_name = evidence.empty() ? "Test" : "SubmissionAcceptance";
  d.evidence_id = evidence;
  d.body = R"({"id":"x","event":"SubmissionAcceptance","subject":"é"})";
  d.created_at = created;
  d.next_attempt_at = created;
  return d;
}

domain::EvidenceRecord MakeEvidence(const std::string& id, const std::string& item_id,
                                    std::int64_t leaf_index, domain::EvidenceEvent event) {
  domain::EvidenceRecord e;
  e.id = id;
  e.item_id = item_id;
  e.delivery_id = leaf_index == 0 ? "" : Id(200);
  e.event = event;
  e.reason_code = event == domain::EvidenceEvent::kContentHandoverFailure ? "RE02" : "";
  e.event_time = kT0 + std::chrono::seconds(leaf_index);
  e.sealed_xml = "<x/>";
  e.sha256 = std::string(64, 'c');
  e.leaf_index = leaf_index;
  return e;
}

TEST_P(StorageContract, WebhookEndpointsAreListedPerAccountUntilDeleted) {
  Seed();  // person Id(1) with item Id(100) and delivery Id(200), company Id(2)
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Webhooks().InsertEndpoint(MakeEndpoint(Id(11), Id(1), kT0 + 2s)));
    ASSERT_OK(u.Webhooks().InsertEndpoint(MakeEndpoint(Id(10), Id(1), kT0 + 1s)));
    ASSERT_OK(u.Webhooks().InsertEndpoint(MakeEndpoint(Id(12), Id(2), kT0)));
    ASSERT_ERROR(u.Webhooks().InsertEndpoint(MakeEndpoint(Id(12), Id(2), kT0)),
                 ErrorCode::kConflict);
  });
  auto u = Begin();
  auto mine = u->Webhooks().ActiveEndpoints(Id(1));
  ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ(mine->at(0).id, Id(10));  // oldest first
  EXPECT_EQ(mine->at(0).description, "ERP – boekhouding");
  EXPECT_EQ(mine->at(0).url, "https://erp.example.be/hooks/sealpost?tenant=42");
  EXPECT_EQ(mine->at(0).created_at, kT0 + 1s);
  EXPECT_TRUE(mine->at(0).previous_secret.empty());
  EXPECT_FALSE(mine->at(0).previous_secret_until.has_value());

  ASSERT_OK(u->Webhooks().UpdateSecrets(Id(10), "bmV3", "b2xk", kT0 + 24h));
  auto rotated = u->Webhooks().FindEndpoint(Id(10));
  ASSERT_OK(rotated);
  ASSERT_TRUE(rotated->has_value());
  EXPECT_EQ((*rotated)->secret, "bmV3");
  EXPECT_EQ((*rotated)->previous_secret, "b2xk");
  EXPECT_EQ((*rotated)->previous_secret_until, kT0 + 24h);

  ASSERT_OK(u->Webhooks().MarkEndpointDeleted(Id(10), kT0 + 5s));
  ASSERT_ERROR(u->Webhooks().MarkEndpointDeleted(Id(10), kT0 + 6s), ErrorCode::kNotFound);
  ASSERT_ERROR(u->Webhooks().UpdateSecrets(Id(10), "a", "", std::nullopt), ErrorCode::kNotFound);
  auto left = u->Webhooks().ActiveEndpoints(Id(1));
  ASSERT_OK(left);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->at(0).id, Id(11));
  auto deleted = u->Webhooks().FindEndpoint(Id(10));
  ASSERT_OK(deleted);
  ASSERT_TRUE(deleted->has_value());  // still found: its deliveries stay visible
  EXPECT_EQ((*deleted)->deleted_at, kT0 + 5s);
  auto missing = u->Webhooks().FindEndpoint(Id(99));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  ASSERT_OK(u->Commit());
}

TEST_P(StorageContract, WebhookDeliveriesAreDueUntilSettledAndKeepEveryAttempt) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Webhooks().InsertEndpoint(MakeEndpoint(Id(10), Id(1), kT0)));
    ASSERT_OK(u.Webhooks().InsertDelivery(MakeDelivery(Id(20), Id(10), kT0 + 1s, Id(400))));
    ASSERT_OK(u.Webhooks().InsertDelivery(MakeDelivery(Id(21), Id(10), kT0 + 2s)));
    auto replay = MakeDelivery(Id(22), Id(10), kT0 + 3s, Id(400));
    replay.replay_of = Id(20);
    ASSERT_OK(u.Webhooks().InsertDelivery(replay));
  });
  auto u = Begin();
  auto due = u->Webhooks().DueDeliveries(kT0 + 2s, 10);
  ASSERT_OK(due);
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ(due->at(0).id, Id(20));
  EXPECT_EQ(due->at(1).id, Id(21));
  EXPECT_EQ(due->at(0).body, R"({"id":"x","event":"SubmissionAcceptance","subject":"é"})");
  EXPECT_EQ(due->at(0).evidence_id, Id(400));
  EXPECT_TRUE(due->at(1).evidence_id.empty());
  EXPECT_EQ(due->at(0).attempts, 0);
  EXPECT_FALSE(due->at(0).last_status.has_value());

  // A failed attempt moves the next one; a successful one settles the delivery.
  app::WebhookAttempt first{Id(20), 1, kT0 + 10s, 503, "the endpoint answered HTTP 503", 120};
  ASSERT_OK(u->Webhooks().RecordAttempt(first, std::nullopt, kT0 + 40s, std::nullopt));
  app::WebhookAttempt refused{Id(21), 1, kT0 + 11s, std::nullopt, "connection refused", 3};
  ASSERT_OK(u->Webhooks().RecordAttempt(refused, std::nullopt, std::nullopt, kT0 + 11s));
  auto later = u->Webhooks().DueDeliveries(kT0 + 39s, 10);
  ASSERT_OK(later);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ(later->at(0).id, Id(22));
  app::WebhookAttempt second{Id(20), 2, kT0 + 41s, 200, "", 80};
  ASSERT_OK(u->Webhooks().RecordAttempt(second, kT0 + 41s, std::nullopt, std::nullopt));
  ASSERT_ERROR(u->Webhooks().RecordAttempt(second, kT0 + 42s, std::nullopt, std::nullopt),
               ErrorCode::kNotFound);  // settled: never recorded twice

  auto delivered = u->Webhooks().FindDelivery(Id(20));
  ASSERT_OK(delivered);
  ASSERT_TRUE(delivered->has_value());
  EXPECT_EQ((*delivered)->attempts, 2);
  EXPECT_EQ((*delivered)->delivered_at, kT0 + 41s);
  EXPECT_EQ((*delivered)->last_status, 200);
  EXPECT_EQ((*delivered)->last_error, "");
  auto failed = u->Webhooks().FindDelivery(Id(21));
  ASSERT_OK(failed);
  EXPECT_EQ((*failed)->failed_at, kT0 + 11s);
  EXPECT_FALSE((*failed)->last_status.has_value());
  EXPECT_EQ((*failed)->last_error, "connection refused");

  auto attempts = u->Webhooks().AttemptsOf(Id(20));
  ASSERT_OK(attempts);
  ASSERT_EQ(attempts->size(), 2u);
  EXPECT_EQ(attempts->at(0).number, 1);
  EXPECT_EQ(attempts->at(0).status_code, 503);
  EXPECT_EQ(attempts->at(0).attempted_at, kT0 + 10s);
  EXPECT_EQ(attempts->at(0).duration_ms, 120);
  EXPECT_EQ(attempts->at(1).status_code, 200);
  auto no_answer = u->Webhooks().AttemptsOf(Id(21));
  ASSERT_OK(no_answer);
  ASSERT_EQ(no_answer->size(), 1u);
  EXPECT_FALSE(no_answer->at(0).status_code.has_value());

  auto listed = u->Webhooks().DeliveriesOf(Id(10), 2);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).id, Id(22));  // newest first
  EXPECT_EQ(listed->at(0).replay_of, Id(20));
  EXPECT_EQ(listed->at(1).id, Id(21));
  ASSERT_OK(u->Commit());
}

TEST_P(StorageContract, WebhookCursorWalksTheEvidenceLogWithEachItemsSender) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Items().Insert(MakeItem(Id(101), Id(2), kT0)));
    ASSERT_OK(u.Evidence().Insert(
        MakeEvidence(Id(400), Id(100), 0, domain::EvidenceEvent::kSubmissionAcceptance)));
    ASSERT_OK(u.Evidence().Insert(
        MakeEvidence(Id(401), Id(101), 1, domain::EvidenceEvent::kSubmissionAcceptance)));
    ASSERT_OK(u.Evidence().Insert(
        MakeEvidence(Id(402), Id(100), 2, domain::EvidenceEvent::kContentHandoverFailure)));
    for (int i = 0; i < 3; ++i) {
      ASSERT_OK(u.Log().Append(i, common::Sha256("leaf " + std::to_string(i)), Id(400 + i)));
    }
  });
  auto u = Begin();
  auto cursor = u->Webhooks().Cursor();
  ASSERT_OK(cursor);
  EXPECT_EQ(*cursor, -1);
  auto all = u->Webhooks().EvidenceAfter(-1, 10);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).leaf_index, 0);
  EXPECT_EQ(all->at(0).sender_account_id, Id(1));
  EXPECT_TRUE(all->at(0).delivery_id.empty());
  EXPECT_EQ(all->at(1).sender_account_id, Id(2));
  EXPECT_EQ(all->at(2).event, domain::EvidenceEvent::kContentHandoverFailure);
  EXPECT_EQ(all->at(2).reason_code, "RE02");
  EXPECT_EQ(all->at(2).delivery_id, Id(200));
  EXPECT_EQ(all->at(2).event_time, kT0 + 2s);
  auto page = u->Webhooks().EvidenceAfter(0, 1);
  ASSERT_OK(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ(page->at(0).evidence_id, Id(401));

  ASSERT_OK(u->Webhooks().MoveCursor(-1, 1));
  ASSERT_ERROR(u->Webhooks().MoveCursor(-1, 2), ErrorCode::kConflict);
  ASSERT_OK(u->Commit());
  auto again = Begin();
  auto moved = again->Webhooks().Cursor();
  ASSERT_OK(moved);
  EXPECT_EQ(*moved, 1);
  auto rest = again->Webhooks().EvidenceAfter(*moved, 10);
  ASSERT_OK(rest);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(rest->at(0).evidence_id, Id(402));
}

}  // namespace
}  // namespace sealpost::testing
