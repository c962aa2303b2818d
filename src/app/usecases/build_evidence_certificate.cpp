#include "app/usecases/build_evidence_certificate.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace sealpost::app {

namespace {

using common::ErrorCode;

// One answer for a missing delivery and for someone else's: nothing tells them apart.
common::Error NoDelivery() {
  return common::Error{ErrorCode::kNotFound, "no delivery with that id", ""};
}

bool IsSupportedLanguage(std::string_view language) {
  return std::ranges::find(kCertificateLanguages, language) != std::end(kCertificateLanguages);
}

std::string EvidenceFileName(int position, const EvidenceFacts& facts) {
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%02d", position);
  return std::string(prefix) + "-" + std::string(domain::EventName(facts.event)) + "-" +
         facts.evidence_id + ".xml";
}

// The recipient as best established: the last evidence in which the provider had identified
// them (the hand-over names who actually opened the item), else as the first evidence names
// them (declared by the sender).
const StatedParty& BestRecipient(const std::vector<EvidenceFacts>& facts) {
  for (auto it = facts.rbegin(); it != facts.rend(); ++it) {
    if (it->recipient.identified) return it->recipient;
  }
  return facts.front().recipient;
}

}  // namespace

BuildEvidenceCertificate::BuildEvidenceCertificate(Database& database, ItemQueries& queries,
                                                   EvidenceReader& reader,
                                                   CertificateRenderer& renderer,
                                                   const common::Clock& clock)
    : database_(database), queries_(queries), reader_(reader), renderer_(renderer), clock_(clock) {}

common::Result<EvidenceCertificate> BuildEvidenceCertificate::Execute(
    const Caller& caller, const std::string& delivery_id, std::string_view language) {
  // The permission first, as for the evidence itself: a caller who may read no evidence learns
  // nothing about which deliveries exist.
  if (!caller.Can(domain::Permission::kRead) && !caller.Can(domain::Permission::kInbox)) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "this credential lacks the \"read\" or \"inbox\" permission");
  }
  if (!IsSupportedLanguage(language)) {
    return common::Fail(ErrorCode::kInvalidArgument, "the language must be nl, fr, en or de");
  }
  std::optional<domain::Delivery> delivery;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto found = (*uow)->Deliveries().FindById(delivery_id);
    if (!found) return common::Fail(found.error());
    delivery = std::move(*found);
  }
  if (!delivery) return common::Fail(NoDelivery());

  // Visibility is ItemQueries' alone, so the certificate can never show more than the evidence.
  auto records = queries_.ListEvidence(caller, delivery->item_id);
  if (!records) {
    if (records.error().code == ErrorCode::kNotFound) return common::Fail(NoDelivery());
    return common::Fail(records.error());
  }
  std::vector<EvidenceFacts> facts;
  CertificateContent content;
  for (const auto& record : *records) {
    if (record.delivery_id != delivery_id) continue;
    auto read = reader_.Read(record.sealed_xml);
    if (!read) return common::Fail(read.error());
    // The stored index and the sealed document must agree before the document is restated.
    if (read->evidence_id != record.id || read->event != record.event ||
        read->delivery_id != record.delivery_id || read->message_id != record.item_id) {
      return common::Fail(ErrorCode::kInternal,
                          "stored evidence " + record.id + " does not match its sealed document");
    }
    facts.push_back(std::move(*read));
    content.evidence_files.push_back(
        {EvidenceFileName(static_cast<int>(facts.size()), facts.back()), record.sealed_xml});
  }
  if (facts.empty()) return common::Fail(NoDelivery());

  // The submission evidence states the item and the sender as they were when it was sent.
  const EvidenceFacts& first = facts.front();
  content.provider_name = first.issuer_name;
  content.item_id = first.message_id;
  content.delivery_id = delivery_id;
  content.subject = first.subject;
  content.submitted_at = first.submission_time;
  content.sender = first.sender;
  content.recipient = BestRecipient(facts);
  content.attachments = first.parts;
  for (const auto& f : facts) {
    content.events.push_back(
        {f.event, f.evidence_id, f.event_time, f.time_stamped_at, f.reason_code, f.reason_details});
  }
  content.issued_at = clock_.Now();

  auto pdf = renderer_.Render(content, language);
  if (!pdf) return common::Fail(pdf.error());
  return EvidenceCertificate{
      "sealpost-certificate-" + delivery_id + "-" + std::string(language) + ".pdf",
      std::move(*pdf)};
}

}  // namespace sealpost::app
