#include "app/delivery_mails.hpp"

namespace sealpost::app {

namespace {

std::string Trimmed(std::string_view base) {
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

std::string RecipientLink(std::string_view public_base_url, std::string_view token) {
  return Trimmed(public_base_url) + "/d/" + std::string(token);
}

std::string SenderItemLink(std::string_view public_base_url, std::string_view item_id) {
  return Trimmed(public_base_url) + "/outbox/" + std::string(item_id);
}

std::string InboxLink(std::string_view public_base_url, std::string_view delivery_id) {
  return Trimmed(public_base_url) + "/inbox/" + std::string(delivery_id);
}

std::string SenderName(const DeliveryContext& context) {
  return context.sender ? context.sender->display_name : std::string();
}

common::Result<OutboxMail> MailToRecipient(const domain::Delivery& delivery,
                                           const MailArguments& arguments, common::Random& random,
                                           common::TimePoint now) {
  MailEnvelope envelope;
  envelope.id = common::NewUuid(random);
  envelope.to = delivery.recipient.email;
  envelope.to_name = delivery.recipient.name;
  envelope.locale = NormalizeMailLocale(delivery.language);
  envelope.delivery_id = delivery.id;
  envelope.now = now;
  return BuildOutboxMail(envelope, arguments);
}

common::Result<OutboxMail> SenderEventFor(const DeliveryContext& context,
                                          const domain::Delivery& delivery, SenderEvent event,
                                          common::TimePoint at, std::string_view public_base_url,
                                          common::Random& random, common::TimePoint now) {
  if (!context.sender || context.sender->email.empty()) {
    return common::Fail(common::ErrorCode::kFailedPrecondition, "the sender has no e-mail address");
  }
  SenderEventMail mail;
  mail.recipient_name = delivery.recipient.name;
  mail.recipient_email = delivery.recipient.email;
  mail.event = event;
  mail.at = at;
  mail.link = SenderItemLink(public_base_url, context.item.id);
  MailEnvelope envelope;
  envelope.id = common::NewUuid(random);
  envelope.to = context.sender->email;
  envelope.to_name = context.sender->display_name;
  envelope.locale = NormalizeMailLocale(context.item.language);
  // Not the delivery: a failure to tell the sender is not a failure of the delivery.
  envelope.now = now;
  return BuildOutboxMail(envelope, mail);
}

}  // namespace sealpost::app
