#include "adapters/mail/template_mail_composer.hpp"

#include <algorithm>

#include "app/mail_templates.hpp"
#include "ui/language.hpp"
#include "ui/view.hpp"

namespace sealpost::adapters::mail {
namespace {

using common::ErrorCode;
using common::Fail;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string SubjectKey(std::string_view template_name) {
  return "mail." + std::string(template_name) + ".subject";
}

// Deadlines and event times carry their zone: unambiguous around a DST change.
ui::DateTime Zoned(common::TimePoint time) { return {time, ui::DateTimeStyle::kDateTimeWithZone}; }

// One header line: C0 controls, DEL and C1 controls (U+0080–U+009F, C2 80–C2 9F in UTF-8) become
// spaces, runs of spaces collapse, the ends are trimmed.
std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    bool control = c < 0x20 || c == 0x7f;
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) {
        control = true;
        ++i;
      }
    }
    if (control || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The values of each kind, named as in web/templates/mail/*.{txt,html} and mail.json.
void AddArguments(const app::MailArguments& arguments, ui::View& view) {
  std::visit(
      Overloaded{
          [&](const app::InvitationMail& m) {
            view.Set("company", m.company)
                .Set("inviter", m.inviter)
                .Set("inviter_known", std::string(m.inviter.empty() ? "no" : "yes"))
                .Set("expires_at", Zoned(m.expires_at));
            for (domain::Role role : m.roles) {
              view.AddRow("roles").Set(
                  "role", ui::MessageKey{"mail.role." + std::string(domain::RoleName(role))});
            }
          },
          [&](const app::ItemForRegisteredRecipientMail& m) {
            view.Set("sender", m.sender_name)
                .Set("item_subject", m.subject)
                .Set("deadline", Zoned(m.handover_deadline));
          },
          [&](const app::ItemNotificationMail& m) {
            view.Set("sender", m.sender_name).Set("deadline", Zoned(m.deadline));
          },
          [&](const app::ItemReminderMail& m) {
            view.Set("sender", m.sender_name)
                .Set("deadline", Zoned(m.deadline))
                .Set("days_left", m.days_left);
          },
          [&](const app::SenderEventMail& m) {
            const std::string event(app::SenderEventName(m.event));
            view.Set("recipient", m.recipient_name)
                .Set("recipient_email", m.recipient_email)
                .Set("event", event)
                .Set("at", Zoned(m.at))
                .Set("event_text", ui::MessageKey{"mail.sender_event.what." + event})
                .Set("next_step", ui::MessageKey{"mail.sender_event.next." + event});
          },
          [&](const app::EmailVerificationMail& m) { view.Set("expires_at", Zoned(m.expires_at)); },
          [&](const app::SubscriptionApprovedMail& m) { view.Set("company", m.company); },
          [&](const app::SubscriptionRefusedMail& m) {
            view.Set("company", m.company).Set("reason", m.reason);
          },
      },
      arguments);
}

std::string LinkOf(const app::MailArguments& arguments) {
  return std::visit([](const auto& m) { return m.link; }, arguments);
}

}  // namespace

common::Result<std::unique_ptr<TemplateMailComposer>> TemplateMailComposer::Create(
    const ui::Translator& translator, const ui::TemplateRenderer& renderer) {
  const std::vector<std::string> templates = renderer.TemplateNames();
  std::string missing;
  for (std::string_view name : app::MailTemplateNames()) {
    for (const char* extension : {".txt", ".html"}) {
      const std::string file = "mail/" + std::string(name) + extension;
      if (std::find(templates.begin(), templates.end(), file) == templates.end()) {
        missing += " template " + file + ";";
      }
    }
    for (ui::Language language : ui::kAllLanguages) {
      if (translator.catalog().Find(language, SubjectKey(name)) == nullptr) {
        missing +=
            " message " + SubjectKey(name) + " in " + std::string(ui::LanguageCode(language)) + ";";
      }
    }
  }
  if (!missing.empty()) {
    missing.pop_back();
    return Fail(ErrorCode::kFailedPrecondition, "the e-mail templates are incomplete:" + missing);
  }
  return std::unique_ptr<TemplateMailComposer>(new TemplateMailComposer(translator, renderer));
}

common::Result<app::MailMessage> TemplateMailComposer::Compose(const app::OutboxMail& mail) const {
  auto arguments = app::ParseMailArguments(mail.template_name, mail.args_json);
  if (!arguments) return Fail(arguments.error());
  const ui::Language language = ui::LanguageFromTag(mail.locale).value_or(ui::kDefaultLanguage);
  const std::string to_name = OneLine(mail.to_name);

  ui::View view;
  view.Set("lang", std::string(ui::LanguageCode(language)))
      .Set("name", to_name)
      .Set("name_known", std::string(to_name.empty() ? "no" : "yes"))
      .Set("link", LinkOf(*arguments));
  AddArguments(*arguments, view);

  const ui::MessageArgs message_args(view.values().begin(), view.values().end());
  std::string subject =
      OneLine(translator_.Text(language, SubjectKey(mail.template_name), message_args));
  view.Set("mail_subject", subject);

  const std::string base = "mail/" + mail.template_name;
  auto text = renderer_.Render(base + ".txt", language, view);
  if (!text) return Fail(ErrorCode::kInternal, "mail " + base + ".txt: " + text.error().message);
  auto html = renderer_.Render(base + ".html", language, view);
  if (!html) return Fail(ErrorCode::kInternal, "mail " + base + ".html: " + html.error().message);

  app::MailMessage message;
  message.to = mail.to;
  message.to_name = to_name;
  message.subject = std::move(subject);
  message.text_body = std::move(*text);
  message.html_body = std::move(*html);
  message.language = std::string(ui::LanguageCode(language));
  message.id = mail.id;
  message.headers = {{"Auto-Submitted", "auto-generated"}, {"X-Auto-Response-Suppress", "All"}};
  return message;
}

}  // namespace sealpost::adapters::mail
