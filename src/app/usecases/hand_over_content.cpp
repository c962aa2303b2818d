#include "app/usecases/hand_over_content.hpp"

#include "app/party_identity.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using common::Fail;

struct Loaded {
  domain::Delivery delivery;
  domain::Item item;
  std::vector<domain::Delivery> all_deliveries;
  std::optional<domain::Account> sender;
};

common::Result<Loaded> Load(Database& database, const Caller& caller, const std::string& delivery_id) {
  auto uow = database.Begin();
  if (!uow) return Fail(uow.error());
  auto d = (*uow)->Deliveries().FindById(delivery_id);
  if (!d) return Fail(d.error());
  // Someone else's delivery answers exactly like a missing one.
  if (!*d || (*d)->recipient_account_id.empty() || (*d)->recipient_account_id != caller.account.id) {
    return Fail(ErrorCode::kNotFound, "no delivery with that id");
  }
  auto item = (*uow)->Items().FindById((*d)->item_id);
  if (!item) return Fail(item.error());
  if (!*item) return Fail(ErrorCode::kInternal, "delivery without its item");
  auto all = (*uow)->Deliveries().ListByItem((*d)->item_id);
  if (!all) return Fail(all.error());
  auto sender = (*uow)->Accounts().FindById((*item)->sender_account_id);
  if (!sender) return Fail(sender.error());
  return Loaded{std::move(**d), std::move(**item), std::move(*all), std::move(*sender)};
}

}  // namespace

HandOverContent::HandOverContent(Database& database, EvidenceLog& log, BlobStore& blobs, ContentCipher& cipher,
                                 const common::Clock& clock, common::Random& random)
    : database_(database), log_(log), blobs_(blobs), cipher_(cipher), clock_(clock), random_(random) {}

common::Result<HandedOverContent> HandOverContent::Execute(const Caller& caller, const std::string& delivery_id) {
  // Two attempts: if another request handed over concurrently, the second read sees it done.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto loaded = Load(database_, caller, delivery_id);
    if (!loaded) return Fail(loaded.error());
    Loaded& l = *loaded;
    std::string sender_name = l.sender ? l.sender->display_name : "";
    if (l.delivery.state == domain::DeliveryState::kHandedOver) {
      return HandedOverContent{std::move(l.delivery), std::move(l.item), sender_name};
    }
    if (!domain::ContentAvailable(l.delivery.state)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the content of this delivery is not available (state " +
                      std::string(domain::StateName(l.delivery.state)) + ")");
    }
    auto next = domain::NextState(l.delivery.state, domain::EvidenceEvent::kContentHandover);
    if (!next) return Fail(next.error());

    const common::TimePoint now = clock_.Now();
    domain::Evidence e;
    e.id = common::NewUuid(random_);
    e.event = domain::EvidenceEvent::kContentHandover;
    e.event_time = now;
    if (l.sender) {
      Caller sender_view{*l.sender, "", "", "", l.item.submitted_at};
      e.sender = SenderIdentity(sender_view);
    }
    for (const auto& d : l.all_deliveries) {
      const domain::Account* account = d.id == l.delivery.id ? &caller.account : nullptr;
      domain::PartyIdentity p = RecipientIdentity(d.recipient, account);
      if (account != nullptr) {
        // The recipient as authenticated now: this is who obtained the content.
        p.assurance_level = caller.account.assurance_level;
        p.authentication_method = caller.authentication_method;
        p.authentication_time = caller.authenticated_at;
      }
      e.recipients.push_back(std::move(p));
    }
    e.refers_to_recipient = l.delivery.position;
    e.submission_time = l.item.submitted_at;
    e.message_id = l.item.id;
    e.subject = l.item.subject;
    for (const auto& a : l.item.attachments) {
      e.parts.push_back({a.id, a.file_name, a.content_type, a.size, a.sha256});
    }
    e.delivery_id = l.delivery.id;

    domain::Delivery updated = l.delivery;
    updated.state = *next;
    updated.state_changed_at = now;
    updated.deadline.reset();
    auto recorded = log_.Record({e}, l.item.id, [&](UnitOfWork& uow) { return uow.Deliveries().Update(updated); });
    if (!recorded) {
      if (recorded.error().code == ErrorCode::kConflict) continue;
      return Fail(recorded.error());
    }
    updated.version += 1;
    return HandedOverContent{std::move(updated), std::move(l.item), sender_name};
  }
  return Fail(ErrorCode::kConflict, "the delivery changed concurrently; try again");
}

common::Result<AttachmentContent> HandOverContent::Attachment(const Caller& caller, const std::string& delivery_id,
                                                              const std::string& attachment_id) {
  auto content = Execute(caller, delivery_id);
  if (!content) return Fail(content.error());
  const domain::Item& item = content->item;
  for (const auto& a : item.attachments) {
    if (a.id != attachment_id) continue;
    auto key = cipher_.UnwrapItemKey(item.wrapped_key);
    if (!key) return Fail(key.error());
    auto sealed = blobs_.Get(a.blob_address);
    if (!sealed) return Fail(sealed.error());
    auto plain = cipher_.Decrypt(*key, *sealed, item.id + "/" + a.id);
    if (!plain) return Fail(plain.error());
    std::string data = common::ToString(*plain);
    // What leaves must be what was sealed at submission.
    if (common::HexEncode(common::Sha256(data)) != a.sha256) {
      return Fail(ErrorCode::kInternal, "stored attachment does not match its sealed digest");
    }
    return AttachmentContent{a, std::move(data)};
  }
  return Fail(ErrorCode::kNotFound, "no attachment with that id");
}

}  // namespace sealpost::app
