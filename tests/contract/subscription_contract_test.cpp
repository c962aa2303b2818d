// Contract of the subscription repository (app/ports/subscription_repository.hpp) and of
// AccountRepository::SetCanSend on SQLite and PostgreSQL (fixture: storage_contract_fixture.hpp):
// a request round-trips with its representatives, documents and signature report; one request per
// company; an update made on a stale read is refused; the review queue lists by state.
#include <gtest/gtest.h>

#include <vector>

#include "storage_contract_fixture.hpp"

namespace sealpost::testing {
namespace {

app::SubscriptionRecord Request(const std::string& id, const std::string& company) {
  app::SubscriptionRecord record;
  domain::SubscriptionRequest& r = record.request;
  r.id = id;
  r.company_account_id = company;
  r.enterprise_number = "0417497106";
  r.company_name = "Société Générale – België";
  r.company_address = "Wetstraat 16\n1000 Brussel";
  r.requester_account_id = Id(1);
  r.representatives = {{"Émile Dupont-Lefèvre", "85073003328"}, {"An Peeters", std::nullopt}};
  r.contact_email = "legal@acme.example";
  r.contact_phone = "+32 2 123 45 67";
  r.created_at = kT0;
  r.updated_at = kT0;
  record.language = "fr";
  return record;
}

domain::SubscriptionDocument Document(const std::string& id, common::TimePoint at) {
  domain::SubscriptionDocument d;
  d.id = id;
  d.kind = domain::SubscriptionDocumentKind::kSignedForm;
  d.file_name = "formulaire signé.pdf";
  d.content_type = "application/pdf";
  d.sha256 = std::string(64, 'c');
  d.size_bytes = 6'000'000'000ULL;  // above 32 bits
  d.uploaded_at = at;
  return d;
}

TEST_P(StorageContract, SubscriptionRequestRoundTripsWithItsDetails) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Subscriptions().Insert(Request(Id(300), Id(2))));
    ASSERT_OK(
        u.Subscriptions().AddDocument(Id(300), Document(Id(401), kT0 + 2s), {"blob-b", "wb"}));
    auto kbo = Document(Id(400), kT0 + 1s);
    kbo.kind = domain::SubscriptionDocumentKind::kKboExtract;
    kbo.content_type = "image/png";
    ASSERT_OK(u.Subscriptions().AddDocument(Id(300), kbo, {"blob-a", "wa"}));
  });
  auto u = Begin();
  auto found = u->Subscriptions().FindByCompany(Id(2));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const app::SubscriptionRecord& record = **found;
  const domain::SubscriptionRequest& r = record.request;
  EXPECT_EQ(r.id, Id(300));
  EXPECT_EQ(record.language, "fr");
  EXPECT_EQ(r.company_name, "Société Générale – België");
  EXPECT_EQ(r.company_address, "Wetstraat 16\n1000 Brussel");
  ASSERT_EQ(r.representatives.size(), 2u);
  EXPECT_EQ(r.representatives[0].name, "Émile Dupont-Lefèvre");
  EXPECT_EQ(r.representatives[0].national_number, "85073003328");
  EXPECT_EQ(r.representatives[1].national_number, std::nullopt);
  EXPECT_EQ(r.state, domain::SubscriptionState::kDraft);
  EXPECT_EQ(r.signature.verdict, domain::SignatureVerdict::kNotChecked);
  EXPECT_FALSE(r.signature.signed_at.has_value());
  EXPECT_FALSE(r.submitted_at.has_value());
  EXPECT_EQ(r.created_at, kT0);
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].id, Id(400)) << "in upload order";
  EXPECT_EQ(r.documents[0].kind, domain::SubscriptionDocumentKind::kKboExtract);
  EXPECT_EQ(r.documents[1].file_name, "formulaire signé.pdf");
  EXPECT_EQ(r.documents[1].size_bytes, 6'000'000'000ULL);
  EXPECT_EQ(r.documents[1].uploaded_at, kT0 + 2s);
  auto blob = u->Subscriptions().FindDocumentBlob(Id(300), Id(401));
  ASSERT_OK(blob);
  ASSERT_TRUE(blob->has_value());
  EXPECT_EQ((*blob)->blob_address, "blob-b");
  EXPECT_EQ((*blob)->wrapped_key, "wb");
  auto elsewhere = u->Subscriptions().FindDocumentBlob(Id(999), Id(401));
  ASSERT_OK(elsewhere);
  EXPECT_FALSE(elsewhere->has_value()) << "a document is found only through its own request";
}

TEST_P(StorageContract, SubscriptionUpdatesReplaceFieldsAndRefuseStaleReads) {
  Seed();
  InTransaction(
      [](app::UnitOfWork& u) { ASSERT_OK(u.Subscriptions().Insert(Request(Id(300), Id(2)))); });
  app::SubscriptionRecord changed = Request(Id(300), Id(2));
  domain::SubscriptionRequest& r = changed.request;
  r.representatives = {{"Jan Peeters", std::nullopt}};
  r.state = domain::SubscriptionState::kRefused;
  r.signature.verdict = domain::SignatureVerdict::kUntrustedChain;
  r.signature.signer_name = "Jan Peeters";
  r.signature.signer_national_number = "85073003328";
  r.signature.signed_at = kT0 + 5s;
  r.signature.matched_representative = 0;
  r.refusal_reason = "Le formulaire n’est pas signé par un représentant.";
  r.reviewed_by = Id(1);
  r.updated_at = kT0 + 10s;
  r.submitted_at = kT0 + 6s;
  r.decided_at = kT0 + 10s;
  changed.signature_report_json = R"({"verdict":"untrusted_chain"})";
  InTransaction([&](app::UnitOfWork& u) { ASSERT_OK(u.Subscriptions().Update(changed, kT0)); });
  InTransaction([&](app::UnitOfWork& u) {
    ASSERT_ERROR(u.Subscriptions().Update(changed, kT0), common::ErrorCode::kConflict);
    app::SubscriptionRecord absent = Request(Id(301), Id(2));
    ASSERT_ERROR(u.Subscriptions().Update(absent, kT0), common::ErrorCode::kNotFound);
    // One request per company.
    ASSERT_ERROR(u.Subscriptions().Insert(Request(Id(302), Id(2))), common::ErrorCode::kConflict);
  });
  auto u = Begin();
  auto found = u->Subscriptions().FindById(Id(300));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const domain::SubscriptionRequest& stored = (*found)->request;
  ASSERT_EQ(stored.representatives.size(), 1u);
  EXPECT_EQ(stored.representatives[0].name, "Jan Peeters");
  EXPECT_EQ(stored.state, domain::SubscriptionState::kRefused);
  EXPECT_EQ(stored.signature.verdict, domain::SignatureVerdict::kUntrustedChain);
  EXPECT_EQ(stored.signature.signed_at, kT0 + 5s);
  EXPECT_EQ(stored.signature.matched_representative, 0u);
  EXPECT_EQ(stored.refusal_reason, "Le formulaire n’est pas signé par un représentant.");
  EXPECT_EQ(stored.reviewed_by, Id(1));
  EXPECT_EQ(stored.submitted_at, kT0 + 6s);
  EXPECT_EQ(stored.decided_at, kT0 + 10s);
  EXPECT_EQ((*found)->signature_report_json, R"({"verdict":"untrusted_chain"})");
}

TEST_P(StorageContract, SubscriptionQueueListsByStateOldestSubmissionFirst) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Accounts().Insert(Company(Id(3), "0566988259")));
    ASSERT_OK(u.Accounts().Insert(Company(Id(4), "0428759497")));
    auto late = Request(Id(300), Id(2));
    late.request.state = domain::SubscriptionState::kSubmitted;
    late.request.submitted_at = kT0 + 20s;
    auto early = Request(Id(301), Id(3));
    early.request.state = domain::SubscriptionState::kAwaitingPaper;
    early.request.submitted_at = kT0 + 10s;
    auto draft = Request(Id(302), Id(4));
    ASSERT_OK(u.Subscriptions().Insert(late));
    ASSERT_OK(u.Subscriptions().Insert(early));
    ASSERT_OK(u.Subscriptions().Insert(draft));
    ASSERT_OK(u.Subscriptions().AddDocument(Id(300), Document(Id(400), kT0), {"b", "w"}));
    ASSERT_OK(u.Subscriptions().RemoveDocument(Id(300), Id(400)));
    ASSERT_ERROR(u.Subscriptions().RemoveDocument(Id(300), Id(400)), common::ErrorCode::kNotFound);
  });
  auto u = Begin();
  const std::vector<domain::SubscriptionState> queue{domain::SubscriptionState::kSubmitted,
                                                     domain::SubscriptionState::kAwaitingPaper};
  auto listed = u->Subscriptions().ListByStates(queue);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].request.id, Id(301));
  EXPECT_EQ((*listed)[1].request.id, Id(300));
  EXPECT_TRUE((*listed)[1].request.documents.empty()) << "the removed document is gone";
}

TEST_P(StorageContract, AccountsCanBeAllowedToSend) {
  Seed();
  InTransaction([](app::UnitOfWork& u) {
    ASSERT_OK(u.Accounts().SetCanSend(Id(2), true));
    ASSERT_ERROR(u.Accounts().SetCanSend(Id(99), true), common::ErrorCode::kNotFound);
  });
  auto u = Begin();
  auto company = u->Accounts().FindById(Id(2));
  ASSERT_OK(company);
  ASSERT_TRUE(company->has_value());
  EXPECT_TRUE((*company)->can_send);
}

}  // namespace
}  // namespace sealpost::testing
