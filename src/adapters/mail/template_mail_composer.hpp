// TemplateMailComposer: the app::MailComposer of sealpost, built on the presentation layer
// (src/ui). For an outbox row of template T in language L it produces:
//   subject    the catalogue message "mail.T.subject" in L, formatted with the arguments
//   text_body  web/templates/mail/T.txt (plain text, values inserted as they are)
//   html_body  web/templates/mail/T.html (auto-escaped HTML: a hostile name cannot inject markup)
//   language   L; id = the row id; to / to_name from the row
//   headers    Auto-Submitted: auto-generated (RFC 3834: no vacation or bounce loops), and
//              X-Auto-Response-Suppress: All (the same request in Microsoft's dialect)
// The arguments come from app::ParseMailArguments (app/mail_templates.hpp lists them per kind);
// times are shown in Europe/Brussels in L, counts as localized numbers. The values the templates
// and messages see (also listed atop each template):
//   every kind     lang, name (to_name), name_known ("yes"/"no"), link, mail_subject
//   invitation     company, inviter, inviter_known, roles (rows: role = "mail.role.<name>"),
//                  expires_at
//   item_for_registered_recipient  sender, item_subject, deadline
//   item_notification              sender, deadline
//   item_reminder                  sender, deadline, days_left
//   sender_event   recipient, recipient_email, event (select keyword), at, event_text and
//                  next_step ("mail.sender_event.what.<event>", "….next.<event>")
//   email_verification             expires_at
//   subscription_approved          company
//   subscription_refused           company, reason
// A row whose locale is not one of the four languages is written in Dutch, the default language.
// Subject and display name are forced onto one line (control characters become spaces) so that no
// argument can break the header they end up in.
//
// Thread-safety: immutable after Create; Compose may run concurrently (Translator and
// TemplateRenderer are thread-safe). The translator and renderer must outlive the composer.
#pragma once

#include <memory>

#include "app/ports/mail_composer.hpp"
#include "ui/template_renderer.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::mail {

class TemplateMailComposer final : public app::MailComposer {
 public:
  // Fails (kFailedPrecondition, naming what is missing) unless every kind of app::MailArguments
  // has mail/T.txt, mail/T.html and "mail.T.subject" in all four languages: a start-up error.
  static common::Result<std::unique_ptr<TemplateMailComposer>> Create(
      const ui::Translator& translator, const ui::TemplateRenderer& renderer);

  [[nodiscard]] common::Result<app::MailMessage> Compose(
      const app::OutboxMail& mail) const override;

 private:
  TemplateMailComposer(const ui::Translator& translator, const ui::TemplateRenderer& renderer)
      : translator_(translator), renderer_(renderer) {}

  const ui::Translator& translator_;
  const ui::TemplateRenderer& renderer_;
};

}  // namespace sealpost::adapters::mail
