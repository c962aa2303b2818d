// SubmitItem against the real adapters: who gets an inbox delivery, which sealed evidence is
// recorded, and that refusals and malformed requests leave exactly the trace they should
// (PRODUCT.md §4.1, §9).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using domain::DeliveryState;
using domain::EvidenceEvent;

class SubmitItemTest : public AppFixture {};

std::vector<EvidenceEvent> EventsOf(const std::vector<domain::EvidenceRecord>& records) {
  std::vector<EvidenceEvent> events;
  for (const auto& r : records) events.push_back(r.event);
  return events;
}

TEST_F(SubmitItemTest, RegisteredCompanyGetsInboxDeliveryWithThreeSealedEvidences) {
  const std::int64_t before = LogSize();
  const common::TimePoint now = clock_.Now();

  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));

  ASSERT_EQ(submitted.deliveries.size(), 1u);
  const domain::Delivery& d = submitted.deliveries[0];
  EXPECT_EQ(d.state, DeliveryState::kNotified);
  EXPECT_EQ(d.recipient_account_id, recipient_account_.id);
  EXPECT_EQ(d.recipient.enterprise_number, kRecipientEnterprise) << "stored in canonical digits";
  ASSERT_TRUE(d.deadline.has_value());
  EXPECT_EQ(*d.deadline, now + settings_.handover_period);

  auto stored = StoredDelivery(d.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->state, DeliveryState::kNotified);
  EXPECT_EQ(stored->deadline, d.deadline);

  auto evidence = StoredEvidence(submitted.item.id);
  EXPECT_EQ(EventsOf(evidence),
            (std::vector<EvidenceEvent>{EvidenceEvent::kSubmissionAcceptance,
                                        EvidenceEvent::kContentConsignment,
                                        EvidenceEvent::kConsignmentNotification}));
  EXPECT_EQ(LogSize(), before + 3);
  EXPECT_EQ(StoredLogSize(), before + 3);
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    EXPECT_EQ(evidence[i].leaf_index, before + static_cast<std::int64_t>(i));
    EXPECT_EQ(evidence[i].delivery_id, d.id);
    auto report = VerifySealed(evidence[i].sealed_xml);
    EXPECT_TRUE(report.ok) << "evidence " << i << " does not verify";
    EXPECT_EQ(report.summary.event_name, domain::EventName(evidence[i].event));
    EXPECT_EQ(report.summary.message_id, submitted.item.id);
    ASSERT_EQ(report.summary.parts.size(), 2u);
    EXPECT_EQ(report.summary.parts[0].sha256_hex, submitted.item.attachments[0].sha256);
  }
}

// Procedure B: the submission is accepted at once; the recipient is notified (single-use link,
// deadline, no subject) by e-mail, and the notification is evidence once the mail system took the
// e-mail over.
TEST_F(SubmitItemTest, UnregisteredRecipientIsNotifiedWithASingleUseLink) {
  const std::int64_t before = LogSize();
  auto outcome = submit_->Execute(*sender_, Request({Unregistered()}));
  ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  const auto& submitted = std::get<SubmittedItem>(*outcome);
  ASSERT_EQ(submitted.deliveries.size(), 1u);
  const domain::Delivery& d = submitted.deliveries[0];
  EXPECT_EQ(d.state, DeliveryState::kAccepted);
  EXPECT_TRUE(d.recipient_account_id.empty());
  EXPECT_EQ(d.deadline, submitted.item.submitted_at + settings_.acceptance_period);
  EXPECT_EQ(d.next_reminder_at, submitted.item.submitted_at + std::chrono::days(3));
  EXPECT_EQ(d.link_token_hash.size(), 64u);
  EXPECT_EQ(EventsOf(StoredEvidence(submitted.item.id)),
            std::vector<EvidenceEvent>{EvidenceEvent::kSubmissionAcceptance});

  auto mails = DeliverQueuedMail();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].template_name, "item_notification");
  EXPECT_EQ(mails[0].to, "nobody@example.org");
  EXPECT_EQ(mails[0].delivery_id, d.id);
  // The link's token is the one whose hash the delivery keeps; the subject is not in the mail.
  const std::string link = nlohmann::json::parse(mails[0].args_json)["link"];
  const std::string token = link.substr(link.rfind('/') + 1);
  EXPECT_EQ(common::HexEncode(common::Sha256(token)), d.link_token_hash);
  EXPECT_EQ(mails[0].args_json.find("Mise en demeure"), std::string::npos);

  auto evidence = StoredEvidence(submitted.item.id);
  EXPECT_EQ(EventsOf(evidence),
            (std::vector<EvidenceEvent>{EvidenceEvent::kSubmissionAcceptance,
                                        EvidenceEvent::kNotificationForAcceptance}));
  EXPECT_EQ(LogSize(), before + 2);
  EXPECT_TRUE(VerifySealed(evidence[1].sealed_xml).ok);
  EXPECT_EQ(StoredDelivery(d.id)->state, DeliveryState::kAwaitingAcceptance);
}

TEST_F(SubmitItemTest, PersonFoundByEmailAndNormalisedName) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientPerson()}));
  ASSERT_EQ(submitted.deliveries.size(), 1u);
  EXPECT_EQ(submitted.deliveries[0].state, DeliveryState::kNotified);
  EXPECT_EQ(submitted.deliveries[0].recipient_account_id, person_account_.id);
  EXPECT_EQ(StoredEvidence(submitted.item.id).size(), 3u);
}

TEST_F(SubmitItemTest, PersonEmailWithAnotherNameIsNotTheRegisteredPerson) {
  SubmittedItem submitted =
      MustSubmit(*sender_, Request({Unregistered(kPersonEmail, "Emile Dupont")}));
  ASSERT_EQ(submitted.deliveries.size(), 1u);
  EXPECT_EQ(submitted.deliveries[0].state, DeliveryState::kAwaitingAcceptance);
  EXPECT_TRUE(submitted.deliveries[0].recipient_account_id.empty());
  EXPECT_EQ(StoredEvidence(submitted.item.id).size(), 2u);
}

TEST_F(SubmitItemTest, PersonFoundByNationalNumber) {
  SubmittedItem submitted = MustSubmit(
      *sender_, Request({{"other-address@example.be", "E. Dupont", "", "85.07.30-033.28"}}));
  ASSERT_EQ(submitted.deliveries.size(), 1u);
  EXPECT_EQ(submitted.deliveries[0].recipient_account_id, person_account_.id);
  EXPECT_EQ(submitted.deliveries[0].recipient.national_number, kPersonNationalNumber);
}

TEST_F(SubmitItemTest, RevokedConsentIsTreatedAsUnregistered) {
  RevokeConsent(recipient_account_.id);
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
  ASSERT_EQ(submitted.deliveries.size(), 1u);
  EXPECT_EQ(submitted.deliveries[0].state, DeliveryState::kAwaitingAcceptance);
  EXPECT_TRUE(submitted.deliveries[0].recipient_account_id.empty());
  EXPECT_EQ(submitted.deliveries[0].deadline,
            submitted.item.submitted_at + settings_.acceptance_period);
  EXPECT_EQ(StoredEvidence(submitted.item.id).size(), 2u);
}

TEST_F(SubmitItemTest, EachRecipientGetsOwnDeliveryAndEvidenceReferringToThem) {
  const std::int64_t before = LogSize();
  SubmittedItem submitted =
      MustSubmit(*sender_, Request({RecipientCompany(), Unregistered(), RecipientPerson()}));

  ASSERT_EQ(submitted.deliveries.size(), 3u);
  std::map<std::string, int> position_of;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(submitted.deliveries[i].position, i);
    position_of[submitted.deliveries[i].id] = i;
  }
  EXPECT_EQ(submitted.deliveries[0].state, DeliveryState::kNotified);
  EXPECT_EQ(submitted.deliveries[1].state, DeliveryState::kAwaitingAcceptance);
  EXPECT_EQ(submitted.deliveries[2].state, DeliveryState::kNotified);

  const std::vector<std::string> expected_name = {"Destinataire Test BV", "Nobody Known",
                                                  kPersonName};
  auto evidence = StoredEvidence(submitted.item.id);
  ASSERT_EQ(evidence.size(), 8u);
  EXPECT_EQ(LogSize(), before + 8);
  std::map<int, int> per_delivery;
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const auto& r = evidence[i];
    EXPECT_EQ(r.leaf_index, before + static_cast<std::int64_t>(i));
    ASSERT_TRUE(position_of.contains(r.delivery_id)) << "evidence for an unknown delivery";
    int pos = position_of[r.delivery_id];
    ++per_delivery[pos];
    auto report = VerifySealed(r.sealed_xml);
    EXPECT_TRUE(report.ok);
    // (The person's name is checked in PersonRecipientIsNamedInSealedEvidence.)
    if (pos != 2) {
      EXPECT_EQ(report.summary.recipient_name, expected_name[pos])
          << domain::EventName(r.event) << " refers to the wrong recipient";
    } else {
      EXPECT_EQ(report.summary.recipient_identifier, std::string("mailto:") + kPersonEmail)
          << domain::EventName(r.event) << " refers to the wrong recipient";
    }
  }
  EXPECT_EQ(per_delivery[0], 3);
  EXPECT_EQ(per_delivery[1], 2);
  EXPECT_EQ(per_delivery[2], 3);
}

// Regression: a registered person recipient was once written with an Identity holding only the
// PersonIdentifier, so the sealed proof did not name the recipient at all.
TEST_F(SubmitItemTest, PersonRecipientIsNamedInSealedEvidence) {
  SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientPerson()}));
  auto evidence = StoredEvidence(submitted.item.id);
  ASSERT_EQ(evidence.size(), 3u);
  for (const auto& r : evidence) {
    auto report = VerifySealed(r.sealed_xml);
    EXPECT_TRUE(report.ok);
    EXPECT_EQ(report.summary.recipient_name, kPersonName) << domain::EventName(r.event);
  }
}

// --- Refusals: one SubmissionRejection, a rejected item, no deliveries, no content stored ---

struct RefusalCase {
  const char* name;
  const char* reason;
  // Mutates the request (and may pick another caller/submitter).
  std::function<void(SubmitItemRequest&)> edit;
};

class SubmitItemRefusalTest : public AppFixture {
 protected:
  void ExpectRefused(const Caller& caller, SubmitItemRequest request, const std::string& reason,
                     SubmitItem* submit = nullptr) {
    const std::int64_t before = LogSize();
    const std::size_t blobs_before = BlobFileCount();
    auto outcome =
        (submit != nullptr ? submit : submit_.get())->Execute(caller, std::move(request));
    ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
    auto* rejected = std::get_if<SubmissionRejected>(&*outcome);
    ASSERT_NE(rejected, nullptr) << "the submission was accepted";
    EXPECT_EQ(rejected->error.reason, reason) << rejected->error.message;

    auto evidence = StoredEvidence(rejected->item_id);
    ASSERT_EQ(evidence.size(), 1u);
    EXPECT_EQ(evidence[0].id, rejected->evidence_id);
    EXPECT_EQ(evidence[0].event, EvidenceEvent::kSubmissionRejection);
    EXPECT_EQ(evidence[0].reason_code, reason);
    EXPECT_EQ(evidence[0].leaf_index, before);
    auto report = VerifySealed(evidence[0].sealed_xml);
    EXPECT_TRUE(report.ok);
    EXPECT_EQ(report.summary.reason_code, reason);
    EXPECT_EQ(LogSize(), before + 1);

    auto item = StoredItem(rejected->item_id);
    ASSERT_TRUE(item.has_value());
    EXPECT_EQ(item->status, domain::ItemStatus::kRejected);
    auto uow = database_->BeginReadOnly();
    ASSERT_TRUE(uow.has_value());
    auto deliveries = (*uow)->Deliveries().ListByItem(rejected->item_id);
    ASSERT_TRUE(deliveries.has_value());
    EXPECT_TRUE(deliveries->empty());
    EXPECT_EQ(BlobFileCount(), blobs_before) << "refused content must not be stored";
  }
};

TEST_F(SubmitItemRefusalTest, InvalidEnterpriseNumberIsRA03) {
  auto r = Request({{"legal@recipient.example.be", "Destinataire Test BV", "0566.988.258", ""}});
  ExpectRefused(*sender_, r, "RA03");
}

TEST_F(SubmitItemRefusalTest, InvalidNationalNumberIsRA03) {
  auto r = Request({{kPersonEmail, kPersonName, "", "85.07.30-033.27"}});
  ExpectRefused(*sender_, r, "RA03");
}

TEST_F(SubmitItemRefusalTest, UnsupportedContentTypeIsRA05) {
  auto r = Request({RecipientCompany()});
  r.attachments.push_back({"setup.exe", "application/x-msdownload", "MZ\x90\x00"});
  ExpectRefused(*sender_, r, "RA05");
}

TEST_F(SubmitItemRefusalTest, FakePdfIsRA05) {
  auto r = Request({RecipientCompany()});
  r.attachments[0].data = "MZ this is not a PDF at all";
  ExpectRefused(*sender_, r, "RA05");
}

TEST_F(SubmitItemRefusalTest, OverMaxItemBytesIsRA06) {
  SubmissionSettings small = settings_;
  small.max_item_bytes = 1024;
  auto submit = MakeSubmit(small);
  auto r = Request({RecipientCompany()});
  r.attachments.push_back({"big.txt", "text/plain", std::string(1500, 'x')});
  ExpectRefused(*sender_, r, "RA06", submit.get());
}

TEST_F(SubmitItemRefusalTest, ExactlyMaxItemBytesIsAccepted) {
  auto r = Request({RecipientCompany()});
  std::uint64_t total = 0;
  for (const auto& a : r.attachments) total += a.data.size();
  SubmissionSettings exact = settings_;
  exact.max_item_bytes = total;
  auto outcome = MakeSubmit(exact)->Execute(*sender_, r);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(std::holds_alternative<SubmittedItem>(*outcome));
}

TEST_F(SubmitItemRefusalTest, AccountThatCannotSendIsRA08) {
  ExpectRefused(*person_, Request({RecipientCompany()}), "RA08");
}

TEST_F(SubmitItemRefusalTest, AccountNotAllowedToSendIsRA08) {
  Caller cannot_send = *sender_;
  cannot_send.account.can_send = false;  // e.g. a company whose subscription is not approved
  ExpectRefused(cannot_send, Request({RecipientCompany()}), "RA08");
}

// A credential without the send permission is an authorization failure: no rejection evidence,
// nothing stored.
TEST_F(SubmitItemRefusalTest, KeyWithoutSendScopeIsRefusedWithoutATrace) {
  Caller read_only = AddKeyAndAuthenticate(sender_account_, "read inbox");
  const std::int64_t before = LogSize();
  auto outcome = submit_->Execute(read_only, Request({RecipientCompany()}));
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().code, common::ErrorCode::kPermissionDenied);
  EXPECT_EQ(LogSize(), before);
  EXPECT_EQ(BlobFileCount(), 0u);
}

// --- Malformed requests: kInvalidArgument and no trace at all ---

class SubmitItemMalformedTest : public AppFixture {
 protected:
  void ExpectMalformed(SubmitItemRequest request) {
    const std::int64_t before = LogSize();
    const std::size_t blobs_before = BlobFileCount();
    auto outcome = submit_->Execute(*sender_, std::move(request));
    ASSERT_FALSE(outcome.has_value()) << "a malformed request was not refused";
    EXPECT_EQ(outcome.error().code, common::ErrorCode::kInvalidArgument);
    EXPECT_TRUE(outcome.error().reason.empty()) << "no EN 319 522 reason: no evidence was made";
    EXPECT_EQ(LogSize(), before);
    EXPECT_EQ(StoredLogSize(), before);
    EXPECT_EQ(BlobFileCount(), blobs_before);
    auto items = queries_->ListItems(*sender_, {});
    ASSERT_TRUE(items.has_value());
    EXPECT_TRUE(items->empty()) << "no item may be stored";
  }
};

TEST_F(SubmitItemMalformedTest, EmptySubject) {
  auto r = Request({RecipientCompany()});
  r.subject.clear();
  ExpectMalformed(r);
}

TEST_F(SubmitItemMalformedTest, NoRecipients) { ExpectMalformed(Request({})); }

TEST_F(SubmitItemMalformedTest, BadEmail) {
  ExpectMalformed(Request({{"not-an-email", "Someone", "", ""}}));
  ExpectMalformed(Request({{"a@b@c.be", "Someone", "", ""}}));
}

TEST_F(SubmitItemMalformedTest, FileNameWithSlash) {
  auto r = Request({RecipientCompany()});
  r.attachments[0].file_name = "../etc/lettre.pdf";
  ExpectMalformed(r);
  r.attachments[0].file_name = "dir\\lettre.pdf";
  ExpectMalformed(r);
}

TEST_F(SubmitItemMalformedTest, MissingRecipientName) {
  ExpectMalformed(Request({{"x@example.be", "", "", ""}}));
}

}  // namespace
}  // namespace sealpost::app
