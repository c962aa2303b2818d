// MailComposer: turns a mail outbox row (template name, recipient, language, arguments; see
// app/mail_templates.hpp) into the e-mail to send — subject, text and HTML bodies in the row's
// language. Composition happens at send time, so a row written today is worded with the templates
// of the version that sends it.
//
// Errors: kInvalidArgument for an unknown template or arguments that break its contract — the
// row can never be sent, retrying will not help; the message names the template and the argument,
// never a value (links carry secrets). Anything else (kInternal) is a fault of the composer.
// Implementations are thread-safe.
#pragma once

#include "app/ports/mail_outbox_repository.hpp"
#include "app/ports/mailer.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class MailComposer {
 public:
  virtual ~MailComposer() = default;
  [[nodiscard]] virtual common::Result<MailMessage> Compose(const OutboxMail& mail) const = 0;
};

}  // namespace sealpost::app
