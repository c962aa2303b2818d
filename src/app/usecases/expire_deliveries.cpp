#include "app/usecases/expire_deliveries.hpp"

#include "app/party_identity.hpp"

namespace sealpost::app {

ExpireDeliveries::ExpireDeliveries(Database& database, EvidenceLog& log, const common::Clock& clock,
                                   common::Random& random)
    : database_(database), log_(log), clock_(clock), random_(random) {}

common::Result<std::size_t> ExpireDeliveries::RunOnce(std::size_t batch) {
  const common::TimePoint now = clock_.Now();
  std::vector<domain::Delivery> due;
  {
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    auto listed = (*uow)->Deliveries().ListDeadlinePassed(now, batch);
    if (!listed) return common::Fail(listed.error());
    due = std::move(*listed);
  }
  std::size_t closed = 0;
  for (const auto& d : due) {
    domain::EvidenceEvent event = domain::EvidenceEvent::kContentHandoverFailure;
    domain::Reason reason = domain::reasons::kHandoverExpired;
    if (d.state == domain::DeliveryState::kAwaitingAcceptance) {
      event = domain::EvidenceEvent::kAcceptanceRejectionExpiry;
      reason = domain::reasons::kAcceptanceExpired;
    }
    auto next = domain::NextState(d.state, event);
    if (!next) continue;  // the state moved on; nothing is due any more

    domain::Item item;
    std::vector<domain::Delivery> all;
    std::optional<domain::Account> sender;
    {
      auto uow = database_.Begin();
      if (!uow) return common::Fail(uow.error());
      auto found = (*uow)->Items().FindById(d.item_id);
      if (!found) return common::Fail(found.error());
      if (!*found) continue;
      item = std::move(**found);
      auto listed = (*uow)->Deliveries().ListByItem(d.item_id);
      if (!listed) return common::Fail(listed.error());
      all = std::move(*listed);
      auto s = (*uow)->Accounts().FindById(item.sender_account_id);
      if (!s) return common::Fail(s.error());
      sender = std::move(*s);
    }

    domain::Evidence e;
    e.id = common::NewUuid(random_);
    e.event = event;
    e.reason_code = std::string(reason.code);
    e.reason_details = std::string(reason.summary);
    e.event_time = now;
    if (sender) e.sender = SenderIdentity(Caller{*sender, "", "", "", item.submitted_at});
    for (const auto& other : all) e.recipients.push_back(RecipientIdentity(other.recipient, nullptr));
    e.refers_to_recipient = d.position;
    e.submission_time = item.submitted_at;
    e.message_id = item.id;
    e.subject = item.subject;
    for (const auto& a : item.attachments) e.parts.push_back({a.id, a.file_name, a.content_type, a.size, a.sha256});
    e.delivery_id = d.id;

    domain::Delivery updated = d;
    updated.state = *next;
    updated.state_changed_at = now;
    updated.deadline.reset();
    auto recorded = log_.Record({e}, item.id, [&](UnitOfWork& uow) { return uow.Deliveries().Update(updated); });
    if (!recorded) {
      if (recorded.error().code == common::ErrorCode::kConflict) continue;  // opened at the last moment
      return common::Fail(recorded.error());
    }
    ++closed;
  }
  return closed;
}

}  // namespace sealpost::app
