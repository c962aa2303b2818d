#include "app/usecases/hand_over_content.hpp"

#include "app/delivery_mails.hpp"

#include "app/delivery_context.hpp"
#include "app/party_identity.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;
using common::Fail;

struct Loaded {
  domain::Delivery delivery;
  DeliveryContext context;
};

common::Result<Loaded> Load(Database& database, const Caller& caller,
                            const std::string& delivery_id) {
  auto uow = database.BeginReadOnly();
  if (!uow) return Fail(uow.error());
  auto d = (*uow)->Deliveries().FindById(delivery_id);
  if (!d) return Fail(d.error());
  // Someone else's delivery answers exactly like a missing one.
  if (!*d || (*d)->recipient_account_id.empty() ||
      (*d)->recipient_account_id != caller.account.id) {
    return Fail(ErrorCode::kNotFound, "no delivery with that id");
  }
  auto context = LoadDeliveryContext(**uow, (*d)->item_id);
  if (!context) return Fail(context.error());
  return Loaded{std::move(**d), std::move(*context)};
}

}  // namespace

HandOverContent::HandOverContent(Database& database, EvidenceLog& log, BlobStore& blobs,
                                 ContentCipher& cipher, const common::Clock& clock,
                                 common::Random& random, std::string public_base_url)
    : database_(database),
      log_(log),
      blobs_(blobs),
      cipher_(cipher),
      clock_(clock),
      random_(random),
      public_base_url_(std::move(public_base_url)) {}

common::Result<HandedOverContent> HandOverContent::Execute(const Caller& caller,
                                                           const std::string& delivery_id) {
  // Taking the content is the legal proof of receipt: only a credential meant for the inbox may do
  // it.
  if (!caller.Can(domain::Permission::kInbox)) {
    return Fail(ErrorCode::kPermissionDenied, "this credential lacks the \"inbox\" scope");
  }
  // Two attempts: if another request handed over concurrently, the second read sees it done.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto loaded = Load(database_, caller, delivery_id);
    if (!loaded) return Fail(loaded.error());
    Loaded& l = *loaded;
    std::string sender_name = l.context.sender ? l.context.sender->display_name : "";
    if (l.delivery.state == domain::DeliveryState::kHandedOver) {
      return HandedOverContent{std::move(l.delivery), std::move(l.context.item), sender_name};
    }
    if (!domain::ContentAvailable(l.delivery.state)) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "the content of this delivery is not available (state " +
                      std::string(domain::StateName(l.delivery.state)) + ")");
    }
    auto next = domain::NextState(l.delivery.state, domain::EvidenceEvent::kContentHandover);
    if (!next) return Fail(next.error());

    const common::TimePoint now = clock_.Now();
    // The recipient as authenticated now: this is who obtained the content.
    domain::PartyIdentity recipient = RecipientIdentity(l.delivery.recipient, &caller.account);
    recipient.authentication_method = caller.authentication_method;
    recipient.authentication_time = caller.authenticated_at;
    // A member opening an item for a company: the evidence names the person who opened it too.
    if (caller.account.kind == domain::AccountKind::kCompany && !caller.person_name.empty()) {
      recipient.name = caller.account.display_name + " (" + caller.person_name + ")";
    }
    domain::Evidence e = DeliveryEvidence(
        l.context, l.delivery, domain::EvidenceEvent::kContentHandover, now, random_, &recipient);

    domain::Delivery updated = l.delivery;
    updated.state = *next;
    updated.state_changed_at = now;
    updated.deadline.reset();
    // The sender learns of the proof of receipt by e-mail (when the account has an address).
    auto told = SenderEventFor(l.context, updated, SenderEvent::kHandedOver, now, public_base_url_,
                               random_, now);
    auto recorded =
        log_.Record({e}, l.context.item.id, [&](UnitOfWork& uow) -> common::Result<void> {
          if (auto ok = uow.Deliveries().Update(updated); !ok) return ok;
          if (told) return uow.MailOutbox().Insert(*told);
          return common::Ok();
        });
    if (!recorded) {
      if (recorded.error().code == ErrorCode::kConflict) continue;
      return Fail(recorded.error());
    }
    updated.version += 1;
    return HandedOverContent{std::move(updated), std::move(l.context.item), sender_name};
  }
  return Fail(ErrorCode::kConflict, "the delivery changed concurrently; try again");
}

common::Result<AttachmentContent> HandOverContent::Attachment(const Caller& caller,
                                                              const std::string& delivery_id,
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
