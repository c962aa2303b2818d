#include "app/usecases/record_notification.hpp"

#include "app/delivery_event.hpp"
#include "app/delivery_mails.hpp"
#include "app/mail_templates.hpp"

namespace sealpost::app {

namespace {

// A delivery that moved on (decided, expired) makes a late mail outcome meaningless.
common::Result<void> IgnoreIfMovedOn(const common::Result<AppliedDeliveryEvent>& applied) {
  if (applied || applied.error().code == common::ErrorCode::kFailedPrecondition) {
    return common::Ok();
  }
  return common::Fail(applied.error());
}

}  // namespace

RecordNotification::RecordNotification(Database& database, EvidenceLog& log,
                                       const common::Clock& clock, common::Random& random,
                                       std::string public_base_url)
    : database_(database),
      log_(log),
      clock_(clock),
      random_(random),
      public_base_url_(std::move(public_base_url)) {}

common::Result<void> RecordNotification::Sent(const OutboxMail& mail) {
  if (mail.delivery_id.empty()) return common::Ok();
  const common::TimePoint now = clock_.Now();
  DeliveryChange change;
  if (mail.template_name == ItemNotificationMail::kTemplate) {
    change.event = domain::EvidenceEvent::kNotificationForAcceptance;
    change.update = [now](domain::Delivery& d) { d.notified_at = now; };
  } else if (mail.template_name == ItemForRegisteredRecipientMail::kTemplate) {
    change.event = domain::EvidenceEvent::kConsignmentNotification;
    change.update = [now](domain::Delivery& d) { d.notified_at = now; };
  } else {
    return common::Ok();
  }
  return IgnoreIfMovedOn(
      ApplyDeliveryEvent(database_, log_, random_, now, mail.delivery_id, change));
}

common::Result<void> RecordNotification::Failed(const OutboxMail& mail, const common::Error&) {
  if (mail.delivery_id.empty()) return common::Ok();
  if (mail.template_name != ItemNotificationMail::kTemplate &&
      mail.template_name != ItemReminderMail::kTemplate) {
    // A registered recipient finds the item in their inbox whatever happened to the notice.
    return common::Ok();
  }
  const common::TimePoint now = clock_.Now();
  DeliveryChange change;
  change.event = domain::EvidenceEvent::kNotificationForAcceptanceFailure;
  change.reason = domain::reasons::kNotificationBounced;
  change.update = [](domain::Delivery& d) {
    d.deadline.reset();
    d.next_reminder_at.reset();
  };
  change.mails = [&](const DeliveryContext& context,
                     const domain::Delivery& d) -> common::Result<std::vector<OutboxMail>> {
    auto told = SenderEventFor(context, d, SenderEvent::kNotificationFailed, now, public_base_url_,
                               random_, now);
    if (!told) return std::vector<OutboxMail>{};  // a sender without address is told in the app
    return std::vector<OutboxMail>{std::move(*told)};
  };
  return IgnoreIfMovedOn(
      ApplyDeliveryEvent(database_, log_, random_, now, mail.delivery_id, change));
}

}  // namespace sealpost::app
