// Mail templates: the contract between the use cases that queue an e-mail, the composer that
// renders it, and the template files. Each kind of e-mail is one struct of typed arguments; a use
// case fills it and BuildOutboxMail turns it into a mail outbox row (template name + arguments as
// JSON), so no use case writes JSON or a template name by hand. ParseMailArguments reads a row
// back for the composer with the same names, checking every argument.
//
// Each kind is rendered from web/templates/mail/<template>.txt and .html, with its subject from
// the catalogue message "mail.<template>.subject" (web/locales/<lang>/mail.json); the names the
// templates see are listed in adapters/mail/template_mail_composer.hpp. Adding a kind: a struct
// here, its case in mail_templates.cpp and in the composer, two templates, and its messages in
// all four languages (the composer refuses to start without them).
//
// Typed values: times are common::TimePoint, stored as RFC 3339 UTC and shown by the composer in
// Europe/Brussels, in the recipient's language; counts are integers (they drive plural forms);
// roles and events are enums stored by name. A future kind with an amount takes integer euro cents
// (std::int64_t, key "<name>_cents"), shown by the composer as a ui::Money — never a float or
// pre-formatted text.
//
// Links may carry a secret (a single-use token): never log args_json or a link.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "app/ports/mail_outbox_repository.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/membership.hpp"

namespace sealpost::app {

// "invitation" — someone is invited to join a company account (PRODUCT §3); sent to the invitee.
// JSON: {company, inviter, roles: ["sender", …], link, expires_at}.
struct InvitationMail {
  static constexpr std::string_view kTemplate = "invitation";
  std::string company;              // the company's display name
  std::string inviter;              // the inviting admin's name; empty when unknown
  std::vector<domain::Role> roles;  // at least one
  std::string link;                 // http(s) URL with the single-use token: a secret
  common::TimePoint expires_at;
};

// "item_for_registered_recipient" — procedure A (PRODUCT §4.2): a new item was placed in the
// registered recipient's sealpost inbox (ContentConsignment / ConsignmentNotification).
// JSON: {sender_name, subject, link, handover_deadline}.
struct ItemForRegisteredRecipientMail {
  static constexpr std::string_view kTemplate = "item_for_registered_recipient";
  std::string sender_name;
  std::string subject;  // the item's subject: the recipient consented, so it may be shown
  std::string link;     // the item in the inbox; opening it needs a sign-in
  common::TimePoint handover_deadline;
};

// "item_notification" — procedure B: the notification of a recipient who is not registered
// (NotificationForAcceptance). Deliberately without subject or content: they stay hidden until
// acceptance. JSON: {sender_name, link, deadline}.
struct ItemNotificationMail {
  static constexpr std::string_view kTemplate = "item_notification";
  std::string sender_name;
  std::string link;            // single-use, unguessable: a secret
  common::TimePoint deadline;  // acceptance deadline
};

// "item_reminder" — procedure B: the reminder of days 3, 7 and 13; like item_notification, plus
// the days left. JSON: {sender_name, link, deadline, days_left}.
struct ItemReminderMail {
  static constexpr std::string_view kTemplate = "item_reminder";
  std::string sender_name;
  std::string link;  // a secret, as in item_notification
  common::TimePoint deadline;
  std::int64_t days_left = 0;  // whole days until the deadline, >= 0
};

// What happened to one delivery, told to its sender.
enum class SenderEvent {
  kAccepted,            // ConsignmentAcceptance
  kRefused,             // ConsignmentRejection
  kExpired,             // AcceptanceRejectionExpiry
  kHandedOver,          // ContentHandover: the proof of receipt
  kNotificationFailed,  // NotificationForAcceptanceFailure: the notification bounced
  kHandoverFailed,      // ContentHandoverFailure: never opened
};
inline constexpr SenderEvent kAllSenderEvents[] = {SenderEvent::kAccepted,
                                                   SenderEvent::kRefused,
                                                   SenderEvent::kExpired,
                                                   SenderEvent::kHandedOver,
                                                   SenderEvent::kNotificationFailed,
                                                   SenderEvent::kHandoverFailed};
// "accepted", "refused", "expired", "handed_over", "notification_failed", "handover_failed": the
// JSON value and the catalogue's select keyword.
std::string_view SenderEventName(SenderEvent event);

// "sender_event" — to the sender: which recipient, which event, when, and a link to the item.
// JSON: {recipient_name, recipient_email, event, at, link}.
struct SenderEventMail {
  static constexpr std::string_view kTemplate = "sender_event";
  std::string recipient_name;
  std::string recipient_email;
  SenderEvent event = SenderEvent::kAccepted;
  common::TimePoint at;  // when it happened (for the expiries: the deadline that passed)
  std::string link;      // the item in the sender's account
};

// "email_verification" — confirms that an address belongs to the person registering as a
// recipient. JSON: {link, expires_at}.
struct EmailVerificationMail {
  static constexpr std::string_view kTemplate = "email_verification";
  std::string link;  // single-use token: a secret
  common::TimePoint expires_at;
};

// "subscription_approved" — to the requester of a company subscription (PRODUCT §3 step 6): the
// company may send from now on. JSON: {company, link}.
struct SubscriptionApprovedMail {
  static constexpr std::string_view kTemplate = "subscription_approved";
  std::string company;  // the company's name as on the request
  std::string link;     // the request's page in the account
};

// "subscription_refused" — to the requester: the operator refused the request, with the reason;
// it may be corrected and submitted again. JSON: {company, reason, link}.
struct SubscriptionRefusedMail {
  static constexpr std::string_view kTemplate = "subscription_refused";
  std::string company;
  std::string reason;  // the operator's words, as typed
  std::string link;
};

using MailArguments =
    std::variant<InvitationMail, ItemForRegisteredRecipientMail, ItemNotificationMail,
                 ItemReminderMail, SenderEventMail, EmailVerificationMail, SubscriptionApprovedMail,
                 SubscriptionRefusedMail>;

// Every template name, in the order of MailArguments.
std::span<const std::string_view> MailTemplateNames();
std::string_view MailTemplateName(const MailArguments& arguments);

// Who receives the mail, and the row's bookkeeping.
struct MailEnvelope {
  std::string id;           // UUID of the row; also the Message-ID's local part
  std::string to;           // the address
  std::string to_name;      // display name; may be empty
  std::string locale;       // the recipient's language; see NormalizeMailLocale
  std::string delivery_id;  // the delivery it is about, if any: its permanent failure is reported
  common::TimePoint now;    // created_at, and the first attempt
};

// "fr", "FR", "fr-BE", "fr_BE" → "fr"; anything that is not nl, fr, en or de → "nl", the default
// language of sealpost (a mail in Dutch beats no mail at all).
std::string NormalizeMailLocale(std::string_view locale);

// The outbox row, ready for MailOutboxRepository::Insert. kInvalidArgument when the envelope has
// no id or address, or an argument breaks its contract (empty required text, a link that is not
// http(s), no roles, negative days); the message names the argument, never its value.
common::Result<OutboxMail> BuildOutboxMail(const MailEnvelope& envelope,
                                           const MailArguments& arguments);

// The arguments of a row. kInvalidArgument for an unknown template, JSON that is not an object,
// or a missing or mistyped argument, naming the template and the argument (never a value: links
// are secrets). Unknown extra keys are ignored, so a row written by a newer version still sends.
common::Result<MailArguments> ParseMailArguments(std::string_view template_name,
                                                 std::string_view args_json);

}  // namespace sealpost::app
