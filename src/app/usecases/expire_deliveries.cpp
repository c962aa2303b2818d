#include "app/usecases/expire_deliveries.hpp"

#include "app/delivery_context.hpp"

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

    DeliveryContext context;
    {
      auto uow = database_.Begin();
      if (!uow) return common::Fail(uow.error());
      auto loaded = LoadDeliveryContext(**uow, d.item_id);
      if (!loaded) return common::Fail(loaded.error());
      context = std::move(*loaded);
    }
    domain::Evidence e = DeliveryEvidence(context, d, event, now, random_);
    e.reason_code = std::string(reason.code);
    e.reason_details = std::string(reason.summary);

    domain::Delivery updated = d;
    updated.state = *next;
    updated.state_changed_at = now;
    updated.deadline.reset();
    auto recorded = log_.Record({e}, context.item.id,
                                [&](UnitOfWork& uow) { return uow.Deliveries().Update(updated); });
    if (!recorded) {
      if (recorded.error().code == common::ErrorCode::kConflict)
        continue;  // opened at the last moment
      return common::Fail(recorded.error());
    }
    ++closed;
  }
  return closed;
}

}  // namespace sealpost::app
