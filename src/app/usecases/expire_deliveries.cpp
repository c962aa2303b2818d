#include "app/usecases/expire_deliveries.hpp"

#include "app/delivery_event.hpp"
#include "app/delivery_mails.hpp"

#include "app/delivery_context.hpp"

namespace sealpost::app {

ExpireDeliveries::ExpireDeliveries(Database& database, EvidenceLog& log, const common::Clock& clock,
                                   common::Random& random, std::string public_base_url)
    : database_(database),
      log_(log),
      clock_(clock),
      random_(random),
      public_base_url_(std::move(public_base_url)) {}

common::Result<std::size_t> ExpireDeliveries::RunOnce(std::size_t batch) {
  const common::TimePoint now = clock_.Now();
  std::vector<domain::Delivery> due;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto listed = (*uow)->Deliveries().ListDeadlinePassed(now, batch);
    if (!listed) return common::Fail(listed.error());
    due = std::move(*listed);
  }
  std::size_t closed = 0;
  for (const auto& d : due) {
    DeliveryChange change;
    change.event = domain::EvidenceEvent::kContentHandoverFailure;
    change.reason = domain::reasons::kHandoverExpired;
    SenderEvent told = SenderEvent::kHandoverFailed;
    if (d.state == domain::DeliveryState::kAwaitingAcceptance) {
      change.event = domain::EvidenceEvent::kAcceptanceRejectionExpiry;
      change.reason = domain::reasons::kAcceptanceExpired;
      told = SenderEvent::kExpired;
    }
    if (!domain::NextState(d.state, change.event)) continue;  // nothing is due in this state
    const common::TimePoint deadline = d.deadline.value_or(now);
    change.update = [](domain::Delivery& updated) {
      updated.deadline.reset();
      updated.next_reminder_at.reset();
    };
    change.mails = [&](const DeliveryContext& context,
                       const domain::Delivery& updated) -> common::Result<std::vector<OutboxMail>> {
      auto mail = SenderEventFor(context, updated, told, deadline, public_base_url_, random_, now);
      if (!mail) return std::vector<OutboxMail>{};  // no address: told in the app only
      return std::vector<OutboxMail>{std::move(*mail)};
    };
    auto applied = ApplyDeliveryEvent(database_, log_, random_, now, d.id, change);
    if (!applied) {
      // Opened or decided at the last moment: the new state has no deadline to expire.
      if (applied.error().code == common::ErrorCode::kFailedPrecondition ||
          applied.error().code == common::ErrorCode::kConflict) {
        continue;
      }
      return common::Fail(applied.error());
    }
    ++closed;
  }
  return closed;
}

}  // namespace sealpost::app
