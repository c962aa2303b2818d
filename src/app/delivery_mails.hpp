// The e-mails of the recipient procedures (PRODUCT §4.2), as mail outbox rows written in the
// transaction of the change they announce: the notification of a recipient who is not registered
// (with the single-use link), the notice of a new item in a registered recipient's inbox, the
// reminders, and the message to the sender about each outcome. One place for the links they carry.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/delivery_context.hpp"
#include "app/mail_templates.hpp"
#include "common/random.hpp"

namespace sealpost::app {

// The recipient's single-use link: <base>/d/<token>.
std::string RecipientLink(std::string_view public_base_url, std::string_view token);
// The item in the sender's outbox: <base>/outbox/<item id>.
std::string SenderItemLink(std::string_view public_base_url, std::string_view item_id);
// The item in a registered recipient's inbox: <base>/inbox/<delivery id>.
std::string InboxLink(std::string_view public_base_url, std::string_view delivery_id);

// The name the sender is known by in e-mails to recipients.
std::string SenderName(const DeliveryContext& context);

// A row to the delivery's recipient (its address as the sender gave it, in its language).
common::Result<OutboxMail> MailToRecipient(const domain::Delivery& delivery,
                                           const MailArguments& arguments, common::Random& random,
                                           common::TimePoint now);
// A row to the item's sender about `delivery`, in the item's language. kFailedPrecondition when
// the sender account has no e-mail address (then nothing is queued).
common::Result<OutboxMail> SenderEventFor(const DeliveryContext& context,
                                          const domain::Delivery& delivery, SenderEvent event,
                                          common::TimePoint at, std::string_view public_base_url,
                                          common::Random& random, common::TimePoint now);

}  // namespace sealpost::app
