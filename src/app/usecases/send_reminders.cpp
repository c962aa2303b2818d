#include "app/usecases/send_reminders.hpp"

#include "app/delivery_context.hpp"
#include "app/delivery_mails.hpp"
#include "common/bytes.hpp"

namespace sealpost::app {

SendReminders::SendReminders(Database& database, ContentCipher& cipher, const common::Clock& clock,
                             common::Random& random, std::vector<int> reminder_days,
                             std::string public_base_url)
    : database_(database),
      cipher_(cipher),
      clock_(clock),
      random_(random),
      reminder_days_(std::move(reminder_days)),
      public_base_url_(std::move(public_base_url)) {}

common::Result<std::size_t> SendReminders::RunOnce(std::size_t batch) {
  const common::TimePoint now = clock_.Now();
  std::vector<domain::Delivery> due;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto listed = (*uow)->Deliveries().ListRemindersDue(now, batch);
    if (!listed) return common::Fail(listed.error());
    due = std::move(*listed);
  }
  std::size_t queued = 0;
  for (domain::Delivery d : due) {
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    auto context = LoadDeliveryContext(**uow, d.item_id);
    if (!context) return common::Fail(context.error());
    // The link of the notification, unsealed with the item's key.
    auto key = cipher_.UnwrapItemKey(context->item.wrapped_key);
    if (!key) return common::Fail(key.error());
    auto sealed = common::Base64Decode(d.link_token_sealed);
    if (!sealed) {
      return common::Fail(common::ErrorCode::kInternal, "delivery " + d.id + ": link not readable");
    }
    auto token = cipher_.Decrypt(*key, *sealed, d.item_id + "/" + d.id);
    if (!token) return common::Fail(token.error());

    const auto left = d.deadline ? std::chrono::floor<std::chrono::days>(*d.deadline - now)
                                 : std::chrono::days(0);
    ItemReminderMail reminder{SenderName(*context),
                              RecipientLink(public_base_url_, common::ToString(*token)),
                              d.deadline.value_or(now), std::max<std::int64_t>(0, left.count())};
    auto mail = MailToRecipient(d, reminder, random_, now);
    if (!mail) return common::Fail(mail.error());

    d.reminders_sent += 1;
    d.next_reminder_at.reset();
    if (static_cast<std::size_t>(d.reminders_sent) < reminder_days_.size()) {
      const common::TimePoint next =
          context->item.submitted_at + std::chrono::days(reminder_days_[d.reminders_sent]);
      if (!d.deadline || next < *d.deadline) d.next_reminder_at = next;
    }
    if (auto ok = (*uow)->Deliveries().Update(d); !ok) {
      if (ok.error().code == common::ErrorCode::kConflict) continue;  // decided meanwhile
      return common::Fail(ok.error());
    }
    if (auto ok = (*uow)->MailOutbox().Insert(*mail); !ok) return common::Fail(ok.error());
    if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
    ++queued;
  }
  return queued;
}

}  // namespace sealpost::app
