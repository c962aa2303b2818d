#include "app/usecases/sender_notifications.hpp"

namespace sealpost::app {

SenderNotifications::SenderNotifications(Database& database, const common::Clock& clock)
    : database_(database), clock_(clock) {}

common::Result<SenderNotificationList> SenderNotifications::ShowAndMarkSeen(const Caller& caller) {
  if (caller.ViaApiKey() || caller.person_account_id.empty()) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "notifications are shown to a signed-in person");
  }
  if (!caller.Can(domain::Permission::kRead)) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "following the items of this account needs the read permission");
  }
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  SenderNotificationList list;
  auto events = (*uow)->Notifications().RecentForSender(caller.account.id, kListed);
  if (!events) return common::Fail(events.error());
  list.events = std::move(*events);
  auto seen = (*uow)->Notifications().SeenAt(caller.person_account_id, caller.account.id);
  if (!seen) return common::Fail(seen.error());
  list.previously_seen = *seen;
  if (auto marked =
          (*uow)->Notifications().MarkSeen(caller.person_account_id, caller.account.id, now);
      !marked) {
    return common::Fail(marked.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return list;
}

}  // namespace sealpost::app
