#include "app/delivery_context.hpp"

#include "app/caller.hpp"
#include "app/party_identity.hpp"

namespace sealpost::app {

common::Result<DeliveryContext> LoadDeliveryContext(UnitOfWork& uow, const std::string& item_id) {
  DeliveryContext c;
  auto item = uow.Items().FindById(item_id);
  if (!item) return common::Fail(item.error());
  if (!*item) return common::Fail(common::ErrorCode::kNotFound, "no item with that id");
  c.item = std::move(**item);
  auto deliveries = uow.Deliveries().ListByItem(item_id);
  if (!deliveries) return common::Fail(deliveries.error());
  c.deliveries = std::move(*deliveries);
  auto sender = uow.Accounts().FindById(c.item.sender_account_id);
  if (!sender) return common::Fail(sender.error());
  c.sender = std::move(*sender);
  for (const auto& d : c.deliveries) {
    std::optional<domain::Account> account;
    if (!d.recipient_account_id.empty()) {
      auto found = uow.Accounts().FindById(d.recipient_account_id);
      if (!found) return common::Fail(found.error());
      account = std::move(*found);
    }
    c.consigned_to.push_back(std::move(account));
  }
  return c;
}

domain::Evidence DeliveryEvidence(const DeliveryContext& c, const domain::Delivery& delivery,
                                  domain::EvidenceEvent event, common::TimePoint now,
                                  common::Random& random,
                                  const domain::PartyIdentity* authenticated_recipient) {
  domain::Evidence e;
  e.id = common::NewUuid(random);
  e.event = event;
  e.event_time = now;
  if (c.sender) {
    Caller sender;
    sender.account = *c.sender;
    sender.authenticated_at = c.item.submitted_at;
    e.sender = SenderIdentity(sender);
  }
  for (std::size_t i = 0; i < c.deliveries.size(); ++i) {
    const auto& d = c.deliveries[i];
    if (authenticated_recipient != nullptr && d.id == delivery.id) {
      e.recipients.push_back(*authenticated_recipient);
    } else {
      // Recipients consigned to an account are named as in their consignment evidence.
      e.recipients.push_back(
          RecipientIdentity(d.recipient, c.consigned_to[i] ? &*c.consigned_to[i] : nullptr));
    }
  }
  e.refers_to_recipient = delivery.position;
  e.submission_time = c.item.submitted_at;
  e.message_id = c.item.id;
  e.subject = c.item.subject;
  for (const auto& a : c.item.attachments)
    e.parts.push_back({a.id, a.file_name, a.content_type, a.size, a.sha256});
  e.delivery_id = delivery.id;
  return e;
}

}  // namespace sealpost::app
