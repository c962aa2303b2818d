#include "app/delivery_event.hpp"

namespace sealpost::app {

common::Result<AppliedDeliveryEvent> ApplyDeliveryEvent(Database& database, EvidenceLog& log,
                                                        common::Random& random,
                                                        common::TimePoint now,
                                                        const std::string& delivery_id,
                                                        const DeliveryChange& change) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    AppliedDeliveryEvent applied;
    {
      auto uow = database.BeginReadOnly();
      if (!uow) return common::Fail(uow.error());
      auto delivery = (*uow)->Deliveries().FindById(delivery_id);
      if (!delivery) return common::Fail(delivery.error());
      if (!*delivery) return common::Fail(common::ErrorCode::kNotFound, "no such delivery");
      auto context = LoadDeliveryContext(**uow, (*delivery)->item_id);
      if (!context) return common::Fail(context.error());
      applied.context = std::move(*context);
      applied.delivery = std::move(**delivery);
    }
    const domain::Delivery before = applied.delivery;
    auto next = domain::NextState(before.state, change.event);
    if (!next) return common::Fail(next.error());

    domain::Evidence e = DeliveryEvidence(applied.context, before, change.event, now, random,
                                          change.recipient ? &*change.recipient : nullptr);
    if (change.reason) {
      e.reason_code = std::string(change.reason->code);
      e.reason_details = std::string(change.reason->summary);
    }
    domain::Delivery& updated = applied.delivery;
    updated.state = *next;
    updated.state_changed_at = now;
    if (change.update) change.update(updated);

    std::vector<OutboxMail> mails;
    if (change.mails) {
      auto built = change.mails(applied.context, updated);
      if (!built) return common::Fail(built.error());
      mails = std::move(*built);
    }
    auto recorded =
        log.Record({e}, applied.context.item.id, [&](UnitOfWork& uow) -> common::Result<void> {
          if (auto ok = uow.Deliveries().Update(updated); !ok) return ok;
          for (const auto& m : mails) {
            if (auto ok = uow.MailOutbox().Insert(m); !ok) return ok;
          }
          if (change.extra) return change.extra(uow);
          return common::Ok();
        });
    if (!recorded) {
      if (recorded.error().code == common::ErrorCode::kConflict && attempt == 0) continue;
      return common::Fail(recorded.error());
    }
    updated.version += 1;
    applied.evidence_id = e.id;
    return applied;
  }
  return common::Fail(common::ErrorCode::kConflict, "the delivery changed concurrently");
}

}  // namespace sealpost::app
