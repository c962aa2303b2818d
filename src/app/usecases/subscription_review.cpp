#include "app/usecases/subscription_review.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/mail_templates.hpp"
#include "common/text.hpp"
#include "domain/subscription_request_state.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using domain::SubscriptionEvent;

constexpr long kMaxReasonLength = 2000;

common::Result<void> MustBeOperator(const Caller& caller) {
  if (!caller.is_operator || caller.ViaApiKey()) {
    return common::Fail(ErrorCode::kNotFound, "not found");  // the back office stays hidden
  }
  return common::Ok();
}

common::Result<void> Audit(UnitOfWork& uow, const Caller& caller, common::Random& random,
                           common::TimePoint at, const domain::SubscriptionRequest& request,
                           std::string action, nlohmann::json details = nlohmann::json::object()) {
  details["request_id"] = request.id;
  details["state"] = std::string(domain::SubscriptionStateName(request.state));
  return uow.AuditLog().Append(AuditEntryFor(caller, random, at, request.company_account_id,
                                             std::move(action), details.dump()));
}

common::Result<SubscriptionRecord> Load(UnitOfWork& uow, const std::string& id) {
  auto found = uow.Subscriptions().FindById(id);
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(ErrorCode::kNotFound, "no such subscription request");
  return std::move(**found);
}

common::TimePoint After(common::TimePoint previous, common::TimePoint now) {
  return now > previous ? now : previous + std::chrono::microseconds(1);
}

}  // namespace

SubscriptionReview::SubscriptionReview(Database& database, BlobStore& blobs, ContentCipher& cipher,
                                       const common::Clock& clock, common::Random& random,
                                       SubscriptionSettings settings)
    : database_(database),
      blobs_(blobs),
      cipher_(cipher),
      clock_(clock),
      random_(random),
      settings_(std::move(settings)) {}

common::Result<std::vector<SubscriptionRecord>> SubscriptionReview::Queue(const Caller& caller) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  const std::vector<domain::SubscriptionState> states{domain::SubscriptionState::kSubmitted,
                                                      domain::SubscriptionState::kAwaitingPaper};
  return (*uow)->Subscriptions().ListByStates(states);
}

common::Result<SubscriptionReviewView> SubscriptionReview::Find(const Caller& caller,
                                                                const std::string& id) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto record = Load(**uow, id);
  if (!record) return common::Fail(record.error());
  SubscriptionReviewView view;
  view.record = std::move(*record);
  auto company = (*uow)->Accounts().FindById(view.record.request.company_account_id);
  if (!company) return common::Fail(company.error());
  view.company = std::move(*company);
  auto requester = (*uow)->Accounts().FindById(view.record.request.requester_account_id);
  if (!requester) return common::Fail(requester.error());
  view.requester = std::move(*requester);
  auto kbo = (*uow)->Kbo().Find(view.record.request.enterprise_number);
  if (!kbo) return common::Fail(kbo.error());
  view.kbo = std::move(*kbo);
  return view;
}

common::Result<SubscriptionDocumentContent> SubscriptionReview::Document(
    const Caller& caller, const std::string& id, const std::string& document_id) {
  if (auto ok = MustBeOperator(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto record = Load(**uow, id);
  if (!record) return common::Fail(record.error());
  const domain::SubscriptionRequest& r = record->request;
  for (const auto& d : r.documents) {
    if (d.id != document_id) continue;
    auto blob = (*uow)->Subscriptions().FindDocumentBlob(r.id, d.id);
    if (!blob) return common::Fail(blob.error());
    if (!*blob) break;
    auto content = LoadSubscriptionDocument(cipher_, blobs_, r.id, d.id, **blob);
    if (!content) return common::Fail(content.error());
    if (auto ok = Audit(**uow, caller, random_, clock_.Now(), r, "subscription.document_viewed",
                        {{"document_id", d.id}});
        !ok) {
      return common::Fail(ok.error());
    }
    if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
    return SubscriptionDocumentContent{d, std::move(*content)};
  }
  return common::Fail(ErrorCode::kNotFound, "no such document");
}

common::Result<void> SubscriptionReview::RecordPaperReceipt(const Caller& caller,
                                                            const std::string& id,
                                                            const SubscriptionUpload& scan) {
  if (auto ok = MustBeOperator(caller); !ok) return ok;
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto record = Load(**uow, id);
  if (!record) return common::Fail(record.error());
  domain::SubscriptionRequest& r = record->request;
  if (r.state != domain::SubscriptionState::kAwaitingPaper) {
    return common::Fail(ErrorCode::kFailedPrecondition, "the request is not awaiting paper");
  }
  const common::TimePoint read_updated_at = r.updated_at;
  const common::TimePoint now = After(read_updated_at, clock_.Now());
  SubscriptionUpload upload = scan;
  upload.kind = domain::SubscriptionDocumentKind::kPaperScan;
  auto stored = StoreSubscriptionDocument(cipher_, blobs_, random_, r.id, upload,
                                          settings_.max_document_bytes, now);
  if (!stored) return common::Fail(stored.error());
  r.documents.push_back(stored->first);
  if (auto ok = domain::ApplySubscriptionEvent(r, SubscriptionEvent::kRecordPaperReceipt,
                                               {now, caller.ActorAccountId(), ""});
      !ok) {
    return ok;
  }
  if (auto ok = (*uow)->Subscriptions().Update(*record, read_updated_at); !ok) return ok;
  if (auto ok = (*uow)->Subscriptions().AddDocument(r.id, stored->first, stored->second); !ok) {
    return ok;
  }
  if (auto ok = Audit(**uow, caller, random_, now, r, "subscription.paper_received",
                      {{"document_id", stored->first.id}, {"sha256", stored->first.sha256}});
      !ok) {
    return ok;
  }
  return (*uow)->Commit();
}

common::Result<void> SubscriptionReview::Approve(const Caller& caller, const std::string& id) {
  return Decide(caller, id, true, "");
}

common::Result<void> SubscriptionReview::Refuse(const Caller& caller, const std::string& id,
                                                const std::string& reason) {
  return Decide(caller, id, false, reason);
}

common::Result<void> SubscriptionReview::Decide(const Caller& caller, const std::string& id,
                                                bool approve, const std::string& reason_text) {
  if (auto ok = MustBeOperator(caller); !ok) return ok;
  std::string reason;
  for (std::size_t i = 0; i < reason_text.size(); ++i) {  // a textarea's CRLF as LF
    if (!(reason_text[i] == '\r' && i + 1 < reason_text.size() && reason_text[i + 1] == '\n')) {
      reason += reason_text[i];
    }
  }
  reason = std::string(common::TrimAscii(reason));
  if (!approve) {
    if (reason.empty()) return common::Fail(ErrorCode::kInvalidArgument, "a reason is required");
    std::string one_line = reason;
    for (char& c : one_line) {
      if (c == '\n') c = ' ';
    }
    const long length = common::PrintableUtf8Length(one_line);
    if (length < 0 || length > kMaxReasonLength) {
      return common::Fail(ErrorCode::kInvalidArgument, "the reason is not acceptable text");
    }
  }
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto record = Load(**uow, id);
  if (!record) return common::Fail(record.error());
  domain::SubscriptionRequest& r = record->request;
  const common::TimePoint read_updated_at = r.updated_at;
  const common::TimePoint now = After(read_updated_at, clock_.Now());
  if (auto ok = domain::ApplySubscriptionEvent(
          r, approve ? SubscriptionEvent::kApprove : SubscriptionEvent::kRefuse,
          {now, caller.ActorAccountId(), reason});
      !ok) {
    return ok;
  }
  if (auto ok = (*uow)->Subscriptions().Update(*record, read_updated_at); !ok) return ok;
  if (approve) {
    if (auto ok = (*uow)->Accounts().SetCanSend(r.company_account_id, true); !ok) return ok;
  }
  auto requester = (*uow)->Accounts().FindById(r.requester_account_id);
  if (!requester) return common::Fail(requester.error());
  MailEnvelope envelope;
  envelope.id = common::NewUuid(random_);
  envelope.to = r.contact_email;
  envelope.to_name = *requester ? (*requester)->display_name : "";
  envelope.locale = record->language;
  envelope.now = now;
  const std::string link = settings_.public_base_url + "/account/subscription";
  common::Result<OutboxMail> mail =
      approve ? BuildOutboxMail(envelope, SubscriptionApprovedMail{r.company_name, link})
              : BuildOutboxMail(envelope, SubscriptionRefusedMail{r.company_name, reason, link});
  if (!mail) return common::Fail(mail.error());
  if (auto ok = (*uow)->MailOutbox().Insert(*mail); !ok) return ok;
  nlohmann::json details = {
      {"signature_verdict", std::string(domain::SignatureVerdictName(r.signature.verdict))}};
  if (!approve) details["reason"] = reason;
  if (auto ok = Audit(**uow, caller, random_, now, r,
                      approve ? "subscription.approved" : "subscription.refused", details);
      !ok) {
    return ok;
  }
  return (*uow)->Commit();
}

}  // namespace sealpost::app
