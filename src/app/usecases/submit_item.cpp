#include "app/usecases/submit_item.hpp"

#include <algorithm>

#include "app/delivery_mails.hpp"
#include "app/party_identity.hpp"
#include "app/recipient_directory.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/email_address.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using common::Fail;
namespace reasons = domain::reasons;

common::Error Refusal(const domain::Reason& reason, std::string message) {
  return common::Error{ErrorCode::kInvalidArgument, std::move(message), std::string(reason.code)};
}

bool ValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += len;
  }
  return true;
}

std::size_t CountChars(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) >> 6) != 0x2;
  }));
}

// The declared type must be allowed, and for the types whose first bytes are fixed, the bytes must
// agree: a ".pdf" that is not a PDF is refused rather than sealed under a false description.
bool ContentMatchesType(const NewAttachment& a) {
  auto starts = [&](std::string_view magic) { return a.data.compare(0, magic.size(), magic) == 0; };
  if (a.content_type == "application/pdf") return starts("%PDF-");
  if (a.content_type == "image/png") return starts("\x89PNG\r\n\x1a\n");
  if (a.content_type == "image/jpeg") return starts("\xff\xd8\xff");
  return true;
}

std::vector<domain::EvidencePart> PartsOf(const std::vector<NewAttachment>& attachments,
                                          const std::vector<std::string>& ids) {
  std::vector<domain::EvidencePart> parts;
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const auto& a = attachments[i];
    parts.push_back({ids[i], a.file_name, a.content_type, a.data.size(),
                     common::HexEncode(common::Sha256(a.data))});
  }
  return parts;
}

}  // namespace

SubmitItem::SubmitItem(Database& database, EvidenceLog& log, BlobStore& blobs,
                       ContentCipher& cipher, const common::Clock& clock, common::Random& random,
                       SubmissionSettings settings)
    : database_(database),
      log_(log),
      blobs_(blobs),
      cipher_(cipher),
      clock_(clock),
      random_(random),
      settings_(std::move(settings)) {}

common::Result<void> SubmitItem::CheckWellFormed(const SubmitItemRequest& r) const {
  if (r.subject.empty()) return Fail(ErrorCode::kInvalidArgument, "the item needs a subject");
  if (!ValidUtf8(r.subject) || !ValidUtf8(r.message)) {
    return Fail(ErrorCode::kInvalidArgument, "subject and message must be UTF-8 text");
  }
  if (CountChars(r.subject) > settings_.max_subject_chars) {
    return Fail(ErrorCode::kInvalidArgument, "the subject is longer than " +
                                                 std::to_string(settings_.max_subject_chars) +
                                                 " characters");
  }
  if (r.message.size() > settings_.max_message_bytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "the message is too long; send long texts as an attachment");
  }
  if (r.recipients.empty())
    return Fail(ErrorCode::kInvalidArgument, "the item needs at least one recipient");
  if (r.recipients.size() > settings_.max_recipients) {
    return Fail(ErrorCode::kInvalidArgument,
                "at most " + std::to_string(settings_.max_recipients) + " recipients per item");
  }
  for (std::size_t i = 0; i < r.recipients.size(); ++i) {
    const auto& rc = r.recipients[i];
    std::string which = "recipient " + std::to_string(i + 1);
    if (!domain::LooksLikeEmail(rc.email))
      return Fail(ErrorCode::kInvalidArgument, which + ": a valid e-mail address is required");
    if (rc.name.empty() || !ValidUtf8(rc.name))
      return Fail(ErrorCode::kInvalidArgument, which + ": a name is required");
    if (!rc.language.empty() && NormalizeMailLocale(rc.language) != rc.language) {
      return Fail(ErrorCode::kInvalidArgument, which + ": language must be nl, fr, en or de");
    }
  }
  if (r.attachments.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the item needs at least one attachment");
  }
  if (r.attachments.size() > settings_.max_attachments) {
    return Fail(ErrorCode::kInvalidArgument,
                "at most " + std::to_string(settings_.max_attachments) + " attachments per item");
  }
  for (const auto& a : r.attachments) {
    if (a.file_name.empty() || !ValidUtf8(a.file_name) ||
        a.file_name.find_first_of("/\\") != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "every attachment needs a plain file name");
    }
    if (a.content_type.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "attachment " + a.file_name + " has no content type");
    }
  }
  return common::Ok();
}

std::optional<common::Error> SubmitItem::RefusalReason(const Caller& caller,
                                                       SubmitItemRequest& r) const {
  if (!caller.account.can_send) {
    return Refusal(reasons::kSenderNotAllowed, "this account may not send registered items");
  }
  for (std::size_t i = 0; i < r.recipients.size(); ++i) {
    auto& rc = r.recipients[i];
    std::string which = "recipient " + std::to_string(i + 1) + ": ";
    if (!rc.enterprise_number.empty()) {
      auto n = domain::EnterpriseNumber::Parse(rc.enterprise_number);
      if (!n) return Refusal(reasons::kInvalidRecipientIdentifier, which + n.error().message);
      rc.enterprise_number = n->digits;
    }
    if (!rc.national_number.empty()) {
      auto n = domain::NationalNumber::Parse(rc.national_number);
      if (!n) return Refusal(reasons::kInvalidRecipientIdentifier, which + n.error().message);
      rc.national_number = n->digits;
    }
  }
  std::uint64_t total = 0;
  for (const auto& a : r.attachments) {
    total += a.data.size();
    const auto& allowed = settings_.allowed_content_types;
    if (std::find(allowed.begin(), allowed.end(), a.content_type) == allowed.end()) {
      return Refusal(reasons::kUnsupportedContent, "attachment " + a.file_name + ": content type " +
                                                       a.content_type + " is not accepted");
    }
    if (!ContentMatchesType(a)) {
      return Refusal(reasons::kUnsupportedContent,
                     "attachment " + a.file_name + " is not a valid " + a.content_type + " file");
    }
  }
  if (total > settings_.max_item_bytes) {
    return Refusal(reasons::kContentTooLarge,
                   "the attachments exceed the limit of " +
                       std::to_string(settings_.max_item_bytes / (1024 * 1024)) + " MB per item");
  }
  return std::nullopt;
}

common::Result<void> SubmitItem::CheckAffordable(const BillingTerms& terms,
                                                 const std::string& account_id,
                                                 std::size_t deliveries) const {
  if (terms.electronic_delivery_net <= 0) return common::Ok();
  domain::DeliveryCharge one{
      "", account_id, terms.mode, terms.electronic_delivery_net, domain::kStandardVatPercent, ""};
  auto gross = domain::GrossOf(one);
  if (!gross) return Fail(gross.error());
  auto total = domain::MultiplyCents(*gross, static_cast<std::int64_t>(deliveries));
  if (!total) return Fail(total.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return Fail(uow.error());
  const auto account = domain::CustomerAccountFor(terms.mode, account_id);
  auto balance = (*uow)->Ledger().Balance(account);
  if (!balance) return Fail(balance.error());
  if (terms.mode == domain::BillingMode::kPrepaid && *balance < *total) {
    return Fail(ErrorCode::kFailedPrecondition,
                "the balance of " + domain::FormatDecimalAmount(*balance) + " EUR does not cover " +
                    domain::FormatDecimalAmount(*total) +
                    " EUR for this item; top up the balance first",
                "insufficient_balance");
  }
  if (terms.mode == domain::BillingMode::kPostpaid && *balance + *total > terms.credit_limit) {
    return Fail(ErrorCode::kFailedPrecondition,
                "this item would exceed the credit limit of " +
                    domain::FormatDecimalAmount(terms.credit_limit) + " EUR",
                "credit_limit_exceeded");
  }
  return common::Ok();
}

common::Result<SubmitOutcome> SubmitItem::Reject(const Caller& caller,
                                                 const SubmitItemRequest& request,
                                                 common::Error why) {
  const common::TimePoint now = clock_.Now();
  domain::Item item;
  item.id = common::NewUuid(random_);
  item.sender_account_id = caller.account.id;
  item.subject = request.subject;
  item.status = domain::ItemStatus::kRejected;
  item.submitted_at = now;

  std::vector<std::string> part_ids;
  for (std::size_t i = 0; i < request.attachments.size(); ++i)
    part_ids.push_back(common::NewUuid(random_));

  domain::Evidence e;
  e.id = common::NewUuid(random_);
  e.event = domain::EvidenceEvent::kSubmissionRejection;
  e.reason_code = why.reason;
  e.reason_details = why.message;
  e.event_time = now;
  e.sender = SenderIdentity(caller);
  for (const auto& rc : request.recipients) e.recipients.push_back(RecipientIdentity(rc, nullptr));
  e.submission_time = now;
  e.message_id = item.id;
  e.subject = item.subject;
  e.parts = PartsOf(request.attachments, part_ids);

  auto recorded =
      log_.Record({e}, item.id, [&](UnitOfWork& uow) { return uow.Items().Insert(item); });
  if (!recorded) return Fail(recorded.error());
  return SubmitOutcome(SubmissionRejected{std::move(why), item.id, e.id});
}

common::Result<SubmitOutcome> SubmitItem::Execute(const Caller& caller, SubmitItemRequest request) {
  // A credential or member without the right to send is an authorization failure, not a refused
  // submission of the account: nothing is recorded, not even a rejection evidence.
  if (!caller.Can(domain::Permission::kSend)) {
    return Fail(ErrorCode::kPermissionDenied, "this credential may not send registered items");
  }
  if (auto ok = CheckWellFormed(request); !ok) return Fail(ok.error());
  if (auto refusal = RefusalReason(caller, request)) return Reject(caller, request, *refusal);

  BillingTerms terms;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return Fail(uow.error());
    auto found = BillingTermsFor(**uow, caller.account.id, settings_.electronic_delivery_cents);
    if (!found) return Fail(found.error());
    terms = *found;
  }
  if (auto ok = CheckAffordable(terms, caller.account.id, request.recipients.size()); !ok) {
    return Fail(ok.error());
  }

  const common::TimePoint now = clock_.Now();
  domain::Item item;
  item.id = common::NewUuid(random_);
  item.sender_account_id = caller.account.id;
  item.subject = request.subject;
  item.message = request.message;
  item.submitted_at = now;
  item.language = NormalizeMailLocale(request.language);
  ItemKey key = cipher_.NewItemKey();
  item.wrapped_key = key.wrapped;

  // Content first. Staged blobs become durable in the evidence log's group commit, right before the
  // rows that refer to them (EvidenceLog's before-commit step): a crash leaves at most unreferenced
  // ciphertext, never an item whose content is missing.
  std::vector<domain::EvidencePart> parts;
  for (std::size_t i = 0; i < request.attachments.size(); ++i) {
    const NewAttachment& in = request.attachments[i];
    domain::Attachment a;
    a.id = common::NewUuid(random_);
    a.position = static_cast<int>(i);
    a.file_name = in.file_name;
    a.content_type = in.content_type;
    a.size = in.data.size();
    a.sha256 = common::HexEncode(common::Sha256(in.data));
    auto sealed = cipher_.Encrypt(key.plain, common::ToBytes(in.data), item.id + "/" + a.id);
    if (!sealed) return Fail(sealed.error());
    auto address = blobs_.Stage(*sealed);
    if (!address) return Fail(address.error());
    a.blob_address = *address;
    parts.push_back({a.id, a.file_name, a.content_type, a.size, a.sha256});
    item.attachments.push_back(std::move(a));
  }

  // Who is registered: decides procedure A (inbox) or B (acceptance first) per recipient.
  std::vector<std::optional<domain::Account>> registered;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return Fail(uow.error());
    for (const auto& rc : request.recipients) {
      auto found = FindRegisteredRecipient(**uow, rc, now);
      if (!found) return Fail(found.error());
      registered.push_back(std::move(*found));
    }
  }

  std::vector<domain::PartyIdentity> recipient_ids;
  for (std::size_t i = 0; i < request.recipients.size(); ++i) {
    recipient_ids.push_back(
        RecipientIdentity(request.recipients[i], registered[i] ? &*registered[i] : nullptr));
  }
  const domain::PartyIdentity sender = SenderIdentity(caller);

  std::vector<domain::Delivery> deliveries;
  std::vector<domain::Evidence> evidence;
  std::vector<OutboxMail> mails;
  const std::string sender_name =
      caller.account.display_name.empty() ? caller.person_name : caller.account.display_name;
  for (std::size_t i = 0; i < request.recipients.size(); ++i) {
    domain::Delivery d;
    d.id = common::NewUuid(random_);
    d.item_id = item.id;
    d.position = static_cast<int>(i);
    d.recipient = request.recipients[i];
    d.language =
        d.recipient.language.empty() ? item.language : NormalizeMailLocale(d.recipient.language);
    d.state_changed_at = now;

    // Procedure A puts the item in the registered recipient's inbox now; procedure B first asks
    // the recipient through a single-use link. The notification evidence of either follows when
    // the e-mail is taken over by the mail system (RecordNotification).
    std::vector<domain::EvidenceEvent> events = {domain::EvidenceEvent::kSubmissionAcceptance};
    MailArguments mail;
    if (registered[i]) {
      d.recipient_account_id = registered[i]->id;
      d.deadline = now + settings_.handover_period;
      events.push_back(domain::EvidenceEvent::kContentConsignment);
      mail = ItemForRegisteredRecipientMail{
          sender_name, item.subject, InboxLink(settings_.public_base_url, d.id), *d.deadline};
    } else {
      const std::string token = common::NewToken(random_, 32);
      d.link_token_hash = common::HexEncode(common::Sha256(token));
      auto sealed_token = cipher_.Encrypt(key.plain, common::ToBytes(token), item.id + "/" + d.id);
      if (!sealed_token) return Fail(sealed_token.error());
      d.link_token_sealed = common::Base64Encode(*sealed_token);
      d.deadline = now + settings_.acceptance_period;
      if (!settings_.reminder_days.empty()) {
        d.next_reminder_at = now + std::chrono::days(settings_.reminder_days.front());
      }
      mail = ItemNotificationMail{sender_name, RecipientLink(settings_.public_base_url, token),
                                  *d.deadline};
    }
    auto row = MailToRecipient(d, mail, random_, now);
    if (!row) return Fail(row.error());
    mails.push_back(std::move(*row));
    std::optional<domain::DeliveryState> state;
    for (auto event : events) {
      auto next = domain::NextState(state, event);
      if (!next) return Fail(next.error());
      state = *next;
      domain::Evidence e;
      e.id = common::NewUuid(random_);
      e.event = event;
      e.event_time = now;
      e.sender = sender;
      e.recipients = recipient_ids;
      e.refers_to_recipient = static_cast<int>(i);
      e.submission_time = now;
      e.message_id = item.id;
      e.subject = item.subject;
      e.parts = parts;
      e.delivery_id = d.id;
      evidence.push_back(std::move(e));
    }
    d.state = *state;
    deliveries.push_back(std::move(d));
  }

  // One debit per delivery, recorded in the same isolated change as the item: a debit the
  // balance does not cover (e.g. spent by a concurrent submission) takes this submission out of
  // the group commit alone, with nothing of it recorded.
  std::vector<domain::JournalEntry> debits;
  if (terms.electronic_delivery_net > 0) {
    for (const auto& d : deliveries) {
      domain::DeliveryCharge charge{d.id,
                                    caller.account.id,
                                    terms.mode,
                                    terms.electronic_delivery_net,
                                    domain::kStandardVatPercent,
                                    "Electronic registered delivery"};
      auto entry = domain::DeliveryDebitEntry(charge, now);
      if (!entry) return Fail(entry.error());
      debits.push_back(std::move(*entry));
    }
  }

  auto recorded = log_.Record(evidence, item.id, [&](UnitOfWork& uow) -> common::Result<void> {
    if (auto ok = uow.Items().Insert(item); !ok) return ok;
    for (const auto& d : deliveries) {
      if (auto ok = uow.Deliveries().Insert(d); !ok) return ok;
    }
    for (const auto& debit : debits) {
      if (auto ok = PostLedgerEntry(uow, debit); !ok) return common::Fail(ok.error());
    }
    for (const auto& m : mails) {
      if (auto ok = uow.MailOutbox().Insert(m); !ok) return ok;
    }
    return common::Ok();
  });
  if (!recorded) return Fail(recorded.error());
  return SubmitOutcome(SubmittedItem{std::move(item), std::move(deliveries)});
}

}  // namespace sealpost::app
