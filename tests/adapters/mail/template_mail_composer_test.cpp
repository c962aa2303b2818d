// TemplateMailComposer with the shipped catalogues and templates (web/locales, web/templates/mail):
// every kind in every language, escaping in the HTML part only, Brussels time, plural and select
// forms, and the refusal of rows that cannot be composed.
#include "adapters/mail/template_mail_composer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <set>

#include "adapters/mail/mail_test_support.hpp"
#include "adapters/mail/mime_message.hpp"
#include "ui/formatter.hpp"
#include "ui/language.hpp"

namespace sealpost::adapters::mail {
namespace {

using common::ErrorCode;
using testing::kDeadline;
using testing::Row;
using testing::SampleArguments;
using testing::ShippedComposer;
using testing::ShippedTranslator;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// "{name}" with a lower-case name: an argument that ICU could not fill.
bool HasPlaceholder(const std::string& text) {
  for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
    std::size_t end = at + 1;
    while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '_')) ++end;
    if (end > at + 1 && end < text.size() && text[end] == '}') return true;
  }
  return false;
}

std::string Language(ui::Language language) { return std::string(ui::LanguageCode(language)); }

app::MailMessage MustCompose(const app::OutboxMail& row) {
  auto message = ShippedComposer().Compose(row);
  EXPECT_TRUE(message.has_value()) << message.error().ToString();
  return message.value_or(app::MailMessage{});
}

TEST(TemplateMailComposer, EveryKindRendersInEveryLanguage) {
  const ui::Translator& t = ShippedTranslator();
  for (const app::MailArguments& arguments : SampleArguments()) {
    const std::string kind(app::MailTemplateName(arguments));
    const std::string link = testing::LinkOf(arguments);
    std::set<std::string> subjects;
    for (ui::Language language : ui::kAllLanguages) {
      SCOPED_TRACE(kind + " " + Language(language));
      const auto missing = t.missing_key_count();
      const auto bad = t.bad_argument_count();
      const app::OutboxMail row = Row(arguments, Language(language));
      const app::MailMessage m = MustCompose(row);

      EXPECT_FALSE(m.subject.empty());
      subjects.insert(m.subject);
      EXPECT_EQ(m.language, Language(language));
      EXPECT_EQ(m.id, row.id);
      EXPECT_EQ(m.to, "marie.dubois@example.be");
      EXPECT_EQ(m.to_name, "Marie Dubois");
      EXPECT_TRUE(Contains(m.text_body, "\n" + link + "\n")) << m.text_body;
      EXPECT_TRUE(Contains(m.html_body, "<a href=\"" + link + "\"")) << m.html_body;
      EXPECT_TRUE(m.html_body.starts_with("<!doctype html>")) << m.html_body.substr(0, 60);
      EXPECT_TRUE(Contains(m.html_body, "<html lang=\"" + Language(language) + "\""));
      EXPECT_TRUE(Contains(m.html_body, "<title>")) << "a title for screen readers";
      // The formal greeting with the recipient's name, in this language.
      const std::string greeting = t.Text(language, "mail.common.greeting",
                                          {{"name_known", "yes"}, {"name", "Marie Dubois"}});
      EXPECT_TRUE(m.text_body.starts_with(greeting + "\n\n")) << m.text_body;
      EXPECT_TRUE(Contains(m.html_body, greeting)) << m.html_body;
      for (const std::string* part : {&m.subject, &m.text_body, &m.html_body}) {
        EXPECT_FALSE(HasPlaceholder(*part)) << *part;
        EXPECT_FALSE(Contains(*part, "{{")) << *part;
        EXPECT_FALSE(Contains(*part, "t_mail_")) << *part;
        EXPECT_FALSE(Contains(*part, "mail." + kind)) << "a catalogue key leaked: " << *part;
      }
      EXPECT_FALSE(Contains(m.html_body, "<img")) << "no images, no remote resources";
      EXPECT_FALSE(Contains(m.html_body, "<link")) << "no remote style sheets";
      EXPECT_EQ(t.missing_key_count(), missing) << ::testing::PrintToString(t.MissingKeys());
      EXPECT_EQ(t.bad_argument_count(), bad);
      ASSERT_EQ(m.headers.size(), 2u);
      EXPECT_EQ(m.headers[0],
                (std::pair<std::string, std::string>{"Auto-Submitted", "auto-generated"}));
      // What the composer produces is what the MIME builder accepts.
      auto mime = BuildMimeMessage(m, {"no-reply@sealpost.test", "sealpost", "sealpost.test"},
                                   testing::kNow);
      EXPECT_TRUE(mime.has_value()) << mime.error().ToString();
    }
    EXPECT_EQ(subjects.size(), 4u) << kind << ": each language has its own subject";
  }
}

TEST(TemplateMailComposer, SubjectsReadAsWritten) {
  const auto all = SampleArguments();
  EXPECT_EQ(MustCompose(Row(all[0], "nl")).subject,
            "Uitnodiging voor Dupont & Fils SRL op sealpost");
  EXPECT_EQ(MustCompose(Row(all[0], "fr")).subject,
            "Invitation à rejoindre Dupont & Fils SRL sur sealpost");
  EXPECT_EQ(MustCompose(Row(all[1], "en")).subject, "New registered item from Notariaat Peeters");
  EXPECT_EQ(MustCompose(Row(all[2], "de")).subject,
            "Notariaat Peeters hat Ihnen ein Einschreiben gesendet");
  EXPECT_EQ(MustCompose(Row(all[4], "en")).subject,
            "Refused: your registered item to Jan Janssens");
  EXPECT_EQ(MustCompose(Row(all[5], "fr")).subject, "Confirmez votre adresse e-mail pour sealpost");
}

TEST(TemplateMailComposer, AHostileCompanyNameIsEscapedInHtmlAndLeftAloneInText) {
  app::InvitationMail m = testing::SampleInvitation();
  m.company = "<script>alert(\"x\")</script> & <b>Zwendel</b> 'BV'";
  m.inviter = "<img src=x onerror=alert(1)>";
  const app::MailMessage message = MustCompose(Row(m, "en"));

  EXPECT_FALSE(Contains(message.html_body, "<script>")) << message.html_body;
  EXPECT_FALSE(Contains(message.html_body, "<b>Zwendel")) << message.html_body;
  EXPECT_FALSE(Contains(message.html_body, "<img")) << message.html_body;
  EXPECT_TRUE(Contains(message.html_body,
                       "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                       "&lt;b&gt;Zwendel&lt;/b&gt; &#39;BV&#39;"))
      << message.html_body;
  EXPECT_TRUE(Contains(message.html_body, "&lt;img src=x onerror=alert(1)&gt; invites you"))
      << message.html_body;
  // Plain text is not HTML: the name reads exactly as the company wrote it.
  EXPECT_TRUE(Contains(message.text_body, "<script>alert(\"x\")</script> & <b>Zwendel</b> 'BV'"))
      << message.text_body;
  EXPECT_FALSE(Contains(message.text_body, "&lt;")) << message.text_body;
  EXPECT_FALSE(Contains(message.text_body, "&amp;")) << message.text_body;
  EXPECT_EQ(message.subject,
            "Invitation to join <script>alert(\"x\")</script> & <b>Zwendel</b> 'BV' on sealpost");
}

TEST(TemplateMailComposer, AJavascriptLinkNeverReachesTheHtml) {
  // The builder refuses it; a row written by hand is refused by the composer before ctemplate
  // would have turned it into "#".
  app::OutboxMail row = Row(testing::SampleInvitation(), "en");
  row.args_json = R"j({"company":"X","inviter":"","roles":["admin"],"link":"javascript:alert(1)",)j"
                  R"j("expires_at":"2026-12-02T22:59:00Z"})j";
  auto message = ShippedComposer().Compose(row);
  ASSERT_FALSE(message.has_value());
  EXPECT_EQ(message.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(message.error().message, "\"link\"")) << message.error().message;
}

TEST(TemplateMailComposer, DatesAreShownInBrusselsTimeInTheRecipientsLanguage) {
  // kDeadline is 22:59 UTC: 23:59 in Brussels in winter (CET).
  const auto invitation = testing::SampleInvitation();
  struct Case {
    const char* locale;
    std::string expected;
  };
  const ui::Formatter& de = ShippedTranslator().formatter(ui::Language::kDe);
  const std::string german = de.FormatDateTime({kDeadline, ui::DateTimeStyle::kDateTimeWithZone});
  for (const Case& c :
       {Case{"nl", "2 december 2026 om 23:59 CET"}, Case{"fr", "2 décembre 2026 à 23:59 UTC+1"},
        Case{"en", "2 December 2026 at 23:59 CET"}, Case{"de", german}}) {
    SCOPED_TRACE(c.locale);
    const app::MailMessage m = MustCompose(Row(invitation, c.locale));
    EXPECT_TRUE(Contains(m.text_body, c.expected)) << m.text_body;
    EXPECT_TRUE(Contains(m.html_body, c.expected)) << m.html_body;
    EXPECT_FALSE(Contains(m.text_body, "22:59")) << "UTC leaked into the text";
  }
  EXPECT_TRUE(Contains(german, "23:59")) << german;
  EXPECT_TRUE(Contains(german, "Dezember")) << german;

  // Summer time: 1 July 2026 10:00 UTC is 12:00 CEST.
  app::SenderEventMail accepted;
  accepted.recipient_name = "Jan Janssens";
  accepted.recipient_email = "jan@example.be";
  accepted.event = app::SenderEvent::kAccepted;
  accepted.at = common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 7 / 1)) +
                std::chrono::hours(10);
  accepted.link = "https://sealpost.test/items/1";
  const app::MailMessage summer = MustCompose(Row(accepted, "nl"));
  EXPECT_TRUE(Contains(summer.text_body, "1 juli 2026 om 12:00 CEST")) << summer.text_body;
}

TEST(TemplateMailComposer, RolesAreListedInTheRecipientsLanguage) {
  const app::MailMessage nl = MustCompose(Row(testing::SampleInvitation(), "nl"));
  EXPECT_TRUE(Contains(nl.text_body, "\n- Verzender – ")) << nl.text_body;
  EXPECT_TRUE(Contains(nl.text_body, "\n- Boekhouder – ")) << nl.text_body;
  EXPECT_FALSE(Contains(nl.text_body, "Beheerder")) << "only the roles given";
  EXPECT_TRUE(Contains(nl.text_body, "de facturen\n\nOpen de onderstaande link"))
      << "one blank line after the list: " << nl.text_body;
  EXPECT_TRUE(Contains(nl.html_body, ">Verzender – ")) << nl.html_body;
  const app::MailMessage de = MustCompose(Row(testing::SampleInvitation(), "de"));
  EXPECT_TRUE(Contains(de.text_body, "\n- Buchhaltung – ")) << de.text_body;
  EXPECT_TRUE(Contains(de.text_body, "Émile Dupont-Lefèvre lädt Sie ein")) << de.text_body;

  app::InvitationMail anonymous = testing::SampleInvitation();
  anonymous.inviter.clear();
  EXPECT_TRUE(Contains(MustCompose(Row(anonymous, "en")).text_body, "You are invited to join"));
}

TEST(TemplateMailComposer, TheGreetingIsFormalWithOrWithoutAName) {
  const auto arguments = SampleArguments()[2];
  auto without_name = [&](const char* locale) {
    return MustCompose(Row(arguments, locale, "id-1", "x@example.be", "")).text_body;
  };
  EXPECT_TRUE(without_name("nl").starts_with("Geachte mevrouw, geachte heer,\n"));
  EXPECT_TRUE(without_name("fr").starts_with("Madame, Monsieur,\n"));
  EXPECT_TRUE(without_name("en").starts_with("Dear Sir or Madam,\n"));
  EXPECT_TRUE(without_name("de").starts_with("Sehr geehrte Damen und Herren,\n"));
  EXPECT_TRUE(MustCompose(Row(arguments, "de")).text_body.starts_with("Guten Tag Marie Dubois,\n"));
}

TEST(TemplateMailComposer, TheNotificationShowsTheSenderButNeverTheSubject) {
  const auto all = SampleArguments();
  const app::MailMessage registered = MustCompose(Row(all[1], "nl"));
  EXPECT_TRUE(Contains(registered.text_body, "Onderwerp: Ingebrekestelling huurachterstand"));
  for (ui::Language language : ui::kAllLanguages) {
    for (std::size_t kind : {2u, 3u}) {  // item_notification, item_reminder
      const app::MailMessage m = MustCompose(Row(all[kind], Language(language)));
      EXPECT_TRUE(Contains(m.text_body, "Notariaat Peeters"));
      EXPECT_TRUE(Contains(m.subject, "Notariaat Peeters"));
      EXPECT_FALSE(Contains(m.text_body, "Ingebrekestelling"));
    }
  }
}

TEST(TemplateMailComposer, TheReminderCountsTheDaysLeft) {
  app::ItemReminderMail reminder = std::get<app::ItemReminderMail>(SampleArguments()[3]);
  auto subject = [&](std::int64_t days, const char* locale) {
    reminder.days_left = days;
    return MustCompose(Row(reminder, locale)).subject;
  };
  EXPECT_EQ(subject(12, "en"), "Reminder: registered item from Notariaat Peeters, 12 days left");
  EXPECT_EQ(subject(1, "en"), "Reminder: registered item from Notariaat Peeters, 1 day left");
  EXPECT_EQ(subject(0, "en"), "Reminder: registered item from Notariaat Peeters, last day");
  EXPECT_TRUE(subject(2, "nl").ends_with(", nog 2 dagen"));
  EXPECT_TRUE(subject(1, "fr").ends_with(", encore 1 jour"));
  EXPECT_TRUE(subject(8, "de").ends_with(", noch 8 Tage"));
  reminder.days_left = 8;
  EXPECT_TRUE(Contains(MustCompose(Row(reminder, "en")).text_body,
                       "You have 8 days left to decide, until 2 December 2026 at 23:59 CET."));
}

TEST(TemplateMailComposer, EachSenderEventHasItsOwnWording) {
  app::SenderEventMail event = std::get<app::SenderEventMail>(SampleArguments()[4]);
  for (ui::Language language : ui::kAllLanguages) {
    std::set<std::string> subjects, headings, bodies;
    for (app::SenderEvent e : app::kAllSenderEvents) {
      SCOPED_TRACE(std::string(app::SenderEventName(e)) + " " + Language(language));
      event.event = e;
      const app::MailMessage m = MustCompose(Row(event, Language(language)));
      subjects.insert(m.subject);
      bodies.insert(m.text_body);
      EXPECT_TRUE(Contains(m.subject, "Jan Janssens")) << m.subject;
      EXPECT_TRUE(Contains(m.text_body, "Jan Janssens (jan.janssens@example.be)")) << m.text_body;
      const std::string what = ShippedTranslator().Text(
          language, "mail.sender_event.what." + std::string(app::SenderEventName(e)),
          {{"recipient", "Jan Janssens"},
           {"recipient_email", "jan.janssens@example.be"},
           {"at", ui::DateTime{kDeadline, ui::DateTimeStyle::kDateTimeWithZone}}});
      EXPECT_TRUE(Contains(m.text_body, what)) << m.text_body;
      headings.insert(m.html_body.substr(m.html_body.find("<h1")));
    }
    EXPECT_EQ(subjects.size(), 6u);
    EXPECT_EQ(headings.size(), 6u);
    EXPECT_EQ(bodies.size(), 6u);
  }
}

TEST(TemplateMailComposer, AnUnknownLocaleIsWrittenInDutch) {
  const app::OutboxMail row = Row(testing::SampleInvitation(), "es");
  EXPECT_EQ(row.locale, "nl") << "the builder normalises it";
  app::OutboxMail by_hand = row;
  by_hand.locale = "pt-BR";
  const app::MailMessage m = MustCompose(by_hand);
  EXPECT_EQ(m.language, "nl");
  EXPECT_EQ(m.subject, "Uitnodiging voor Dupont & Fils SRL op sealpost");
  by_hand.locale = "fr-BE";
  EXPECT_EQ(MustCompose(by_hand).language, "fr");
}

TEST(TemplateMailComposer, HeaderValuesStayOnOneLine) {
  app::InvitationMail m = testing::SampleInvitation();
  m.company = "Evil\r\nBcc: victim@example.org\r\n\tCorp\xC2\x85";  // C1 control NEL
  const app::MailMessage message =
      MustCompose(Row(m, "en", "id-2", "x@example.be", "Marie\nDubois\r\nBcc: a@b.c"));
  EXPECT_EQ(message.subject, "Invitation to join Evil Bcc: victim@example.org Corp on sealpost");
  EXPECT_EQ(message.to_name, "Marie Dubois Bcc: a@b.c");
  auto mime =
      BuildMimeMessage(message, {"no-reply@sealpost.test", "", "sealpost.test"}, testing::kNow);
  ASSERT_TRUE(mime.has_value()) << mime.error().ToString();
  // No Bcc line in the header block (the body may show the name as it was written).
  const std::string headers = mime->substr(0, mime->find("\r\n\r\n") + 2);
  EXPECT_FALSE(Contains(headers, "\r\nBcc:")) << headers;
  EXPECT_TRUE(Contains(headers, "\r\nSubject: Invitation to join Evil Bcc: victim@example.org"))
      << headers;
}

TEST(TemplateMailComposer, RowsThatCannotBeComposedAreInvalidArguments) {
  app::OutboxMail row = Row(testing::SampleInvitation(), "en");
  auto expect_invalid = [&](const std::string& template_name, const std::string& args,
                            const std::string& mentions) {
    SCOPED_TRACE(template_name + " " + args);
    app::OutboxMail bad = row;
    bad.template_name = template_name;
    bad.args_json = args;
    auto composed = ShippedComposer().Compose(bad);
    ASSERT_FALSE(composed.has_value());
    EXPECT_EQ(composed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(Contains(composed.error().message, mentions)) << composed.error().message;
    EXPECT_FALSE(Contains(composed.error().message, testing::kInvitationToken))
        << "an error must not carry the link's secret";
  };
  expect_invalid("payment_reminder", row.args_json, "unknown mail template \"payment_reminder\"");
  expect_invalid("invitation", "not json", "not a JSON object");
  expect_invalid("invitation", "[1, 2]", "not a JSON object");
  const std::string link =
      std::string("https://sealpost.test/invitations/") + testing::kInvitationToken;
  expect_invalid(
      "invitation",
      R"({"company":"X","inviter":"","roles":["admin"],"expires_at":"2026-12-02T22:59:00Z"})",
      "argument \"link\" is missing");
  expect_invalid("invitation",
                 R"({"company":"X","inviter":"","roles":["admin"],"link":")" + link +
                     R"(","expires_at":"next week"})",
                 "argument \"expires_at\" must be an RFC 3339 UTC time");
  expect_invalid("invitation",
                 R"({"company":"X","inviter":"","roles":["boss"],"link":")" + link +
                     R"(","expires_at":"2026-12-02T22:59:00Z"})",
                 "argument \"roles\"");
  expect_invalid("invitation",
                 R"({"company":42,"inviter":"","roles":["admin"],"link":")" + link +
                     R"(","expires_at":"2026-12-02T22:59:00Z"})",
                 "argument \"company\" must be text");
  expect_invalid("item_reminder",
                 R"({"sender_name":"X","link":")" + link +
                     R"(","deadline":"2026-12-02T22:59:00Z","days_left":"two"})",
                 "argument \"days_left\" must be an integer");
  expect_invalid("sender_event",
                 R"({"recipient_name":"X","recipient_email":"x@example.be","event":"lost",)"
                 R"("at":"2026-12-02T22:59:00Z","link":"https://sealpost.test/items/1"})",
                 "argument \"event\" is not a known sender event");
}

TEST(TemplateMailComposer, CreateRefusesIncompleteTemplates) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("sealpost-mail-templates-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "mail");
  // Every template except the HTML part of the invitation.
  for (const auto& entry : fs::directory_iterator(testing::WebDir() / "templates" / "mail")) {
    if (entry.path().filename() != "invitation.html") {
      fs::copy_file(entry.path(), dir / "mail" / entry.path().filename());
    }
  }
  {
    auto renderer = ui::TemplateRenderer::Load(dir, ShippedTranslator());
    ASSERT_TRUE(renderer.has_value()) << renderer.error().ToString();
    auto composer = TemplateMailComposer::Create(ShippedTranslator(), *renderer);
    ASSERT_FALSE(composer.has_value());
    EXPECT_EQ(composer.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_TRUE(Contains(composer.error().message, "mail/invitation.html"))
        << composer.error().message;
    EXPECT_FALSE(Contains(composer.error().message, "mail/invitation.txt"));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sealpost::adapters::mail
