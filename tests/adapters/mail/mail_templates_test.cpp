// The mail argument contract (app/mail_templates.hpp): what a use case builds is what the composer
// reads back, field for field; the JSON names are the documented ones; bad arguments are refused
// on both sides without echoing a value.
#include "app/mail_templates.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "adapters/mail/mail_test_support.hpp"

namespace sealpost::app {
namespace {

using adapters::mail::testing::kDeadline;
using adapters::mail::testing::kNow;
using adapters::mail::testing::Row;
using adapters::mail::testing::SampleArguments;
using common::ErrorCode;
using nlohmann::json;

MailEnvelope Envelope() {
  MailEnvelope envelope;
  envelope.id = "row-1";
  envelope.to = "marie@example.be";
  envelope.to_name = "Marie";
  envelope.locale = "fr";
  envelope.delivery_id = "delivery-9";
  envelope.now = kNow;
  return envelope;
}

TEST(MailTemplates, EveryKindSurvivesTheRoundTripThroughTheOutbox) {
  const auto samples = SampleArguments();
  ASSERT_EQ(samples.size(), MailTemplateNames().size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    SCOPED_TRACE(MailTemplateNames()[i]);
    auto row = BuildOutboxMail(Envelope(), samples[i]);
    ASSERT_TRUE(row.has_value()) << row.error().ToString();
    EXPECT_EQ(row->template_name, MailTemplateNames()[i]);
    EXPECT_EQ(row->id, "row-1");
    EXPECT_EQ(row->to, "marie@example.be");
    EXPECT_EQ(row->to_name, "Marie");
    EXPECT_EQ(row->locale, "fr");
    EXPECT_EQ(row->delivery_id, "delivery-9");
    EXPECT_EQ(row->created_at, kNow);
    EXPECT_EQ(row->next_attempt_at, kNow) << "due at once";
    EXPECT_EQ(row->attempts, 0);
    auto parsed = ParseMailArguments(row->template_name, row->args_json);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
    ASSERT_EQ(parsed->index(), i);
    // Encoding the parsed arguments again gives the same JSON: nothing was lost or changed.
    auto again = BuildOutboxMail(Envelope(), *parsed);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->args_json, row->args_json);
  }
}

TEST(MailTemplates, TheJsonUsesTheDocumentedNamesAndTypes) {
  auto row = BuildOutboxMail(Envelope(), adapters::mail::testing::SampleInvitation());
  ASSERT_TRUE(row.has_value());
  // The shape ManageMembers::Invite wrote before this contract existed: old rows still send.
  EXPECT_EQ(json::parse(row->args_json),
            (json{{"company", "Dupont & Fils SRL"},
                  {"inviter", "Émile Dupont-Lefèvre"},
                  {"roles", {"sender", "accountant"}},
                  {"link", std::string("https://sealpost.test/invitations/") +
                               adapters::mail::testing::kInvitationToken},
                  {"expires_at", "2026-12-02T22:59:00.000000Z"}}));

  auto reminder = BuildOutboxMail(Envelope(), SampleArguments()[3]);
  ASSERT_TRUE(reminder.has_value());
  const json r = json::parse(reminder->args_json);
  EXPECT_TRUE(r["days_left"].is_number_integer());
  EXPECT_EQ(r["days_left"], 2);
  EXPECT_EQ(r["deadline"], common::FormatRfc3339(kDeadline));
  EXPECT_FALSE(r.contains("subject")) << "the notification never carries the subject";

  auto event = BuildOutboxMail(Envelope(), SampleArguments()[4]);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(json::parse(event->args_json)["event"], "refused");
}

TEST(MailTemplates, EventNamesAreDistinctSelectKeywords) {
  std::set<std::string_view> names;
  for (SenderEvent event : kAllSenderEvents) {
    const std::string_view name = SenderEventName(event);
    EXPECT_TRUE(names.insert(name).second) << name;
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
  }
  EXPECT_EQ(names.size(), 6u);
}

TEST(MailTemplates, TheLocaleIsOneOfTheFourLanguages) {
  EXPECT_EQ(NormalizeMailLocale("fr"), "fr");
  EXPECT_EQ(NormalizeMailLocale("DE"), "de");
  EXPECT_EQ(NormalizeMailLocale("en-GB"), "en");
  EXPECT_EQ(NormalizeMailLocale("nl_BE"), "nl");
  EXPECT_EQ(NormalizeMailLocale("es"), "nl");
  EXPECT_EQ(NormalizeMailLocale(""), "nl");
  EXPECT_EQ(NormalizeMailLocale("french"), "nl");
}

TEST(MailTemplates, TheBuilderRefusesWhatTheTemplatesCouldNotShow) {
  auto refused = [](const MailEnvelope& envelope, const MailArguments& arguments,
                    const std::string& mentions) {
    auto row = BuildOutboxMail(envelope, arguments);
    ASSERT_FALSE(row.has_value()) << mentions;
    EXPECT_EQ(row.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(row.error().message.find(mentions), std::string::npos) << row.error().message;
  };
  InvitationMail invitation = adapters::mail::testing::SampleInvitation();
  MailEnvelope no_id = Envelope();
  no_id.id.clear();
  refused(no_id, invitation, "needs an id");
  MailEnvelope bad_to = Envelope();
  bad_to.to = "not an address";
  refused(bad_to, invitation, "recipient address");

  InvitationMail no_roles = invitation;
  no_roles.roles.clear();
  refused(Envelope(), no_roles, "\"roles\"");
  InvitationMail ftp = invitation;
  ftp.link = "ftp://sealpost.test/x";
  refused(Envelope(), ftp, "\"link\" must be an http(s) URL");
  InvitationMail no_company = invitation;
  no_company.company.clear();
  refused(Envelope(), no_company, "\"company\" must not be empty");

  ItemReminderMail reminder = std::get<ItemReminderMail>(SampleArguments()[3]);
  reminder.days_left = -1;
  refused(Envelope(), reminder, "\"days_left\" must not be negative");
  SenderEventMail event = std::get<SenderEventMail>(SampleArguments()[4]);
  event.recipient_email.clear();
  refused(Envelope(), event, "\"recipient_email\"");
  ItemForRegisteredRecipientMail registered =
      std::get<ItemForRegisteredRecipientMail>(SampleArguments()[1]);
  registered.subject.clear();
  refused(Envelope(), registered, "\"subject\"");
}

TEST(MailTemplates, UnknownExtraArgumentsAreIgnored) {
  // A row written by a newer version with one more argument still sends.
  auto parsed = ParseMailArguments(
      "email_verification",
      R"({"link":"https://sealpost.test/v/abc","expires_at":"2026-12-02T22:59:00Z","x":1})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(std::get<EmailVerificationMail>(*parsed).expires_at, kDeadline);
}

TEST(MailTemplates, TheSampleRowsAreValid) {
  // The helper the other mail tests use fails loudly on a refused row.
  for (const auto& arguments : SampleArguments()) {
    EXPECT_FALSE(Row(arguments, "nl").args_json.empty());
  }
}

}  // namespace
}  // namespace sealpost::app
