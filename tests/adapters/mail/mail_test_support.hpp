// Shared by the composer and outbox-job tests: the shipped catalogues and templates (web/), loaded
// once per process into a TemplateMailComposer, and sample arguments for every kind of e-mail,
// each with a link whose token must never show up where it does not belong.
// Not thread-safe beyond the immutable singletons.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "adapters/mail/template_mail_composer.hpp"
#include "app/mail_templates.hpp"
#include "ui/template_renderer.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::mail::testing {

using namespace std::chrono_literals;

// Tue 17 Nov 2026 09:00 UTC.
inline const common::TimePoint kNow =
    common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 17)) + 9h;
// 2 Dec 2026 22:59 UTC = 23:59 in Brussels (CET, UTC+1): a deadline that falls on another day in
// UTC than in Brussels would be caught too.
inline const common::TimePoint kDeadline =
    common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 12 / 2)) + 22h + 59min;

inline std::filesystem::path WebDir() { return std::filesystem::path(SEALPOST_SOURCE_DIR) / "web"; }

inline const ui::Translator& ShippedTranslator() {
  static const ui::Translator* translator = [] {
    auto loaded = ui::Translator::Load(WebDir() / "locales");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().ToString();
      std::abort();
    }
    return new ui::Translator(std::move(*loaded));
  }();
  return *translator;
}

inline const ui::TemplateRenderer& ShippedTemplates() {
  static const ui::TemplateRenderer* renderer = [] {
    auto loaded = ui::TemplateRenderer::Load(WebDir() / "templates", ShippedTranslator());
    if (!loaded) {
      ADD_FAILURE() << loaded.error().ToString();
      std::abort();
    }
    return new ui::TemplateRenderer(std::move(*loaded));
  }();
  return *renderer;
}

inline const TemplateMailComposer& ShippedComposer() {
  static const TemplateMailComposer* composer = [] {
    auto created = TemplateMailComposer::Create(ShippedTranslator(), ShippedTemplates());
    if (!created) {
      ADD_FAILURE() << created.error().ToString();
      std::abort();
    }
    return created->release();
  }();
  return *composer;
}

// Secret-looking tokens (256 bits, base64url) in the sample links.
inline constexpr const char* kInvitationToken = "q8Zt3Kc1YvP0nW5xR7uA2bD4eF6gH9jL0mN1oQ3sT5w";
inline constexpr const char* kNotificationToken = "Vb7Xy2Qp9Lm4Rt6Wn1Zc8Kd3Fg5Hj0Ps2Uv4Ya6Tb9E";

inline app::InvitationMail SampleInvitation() {
  app::InvitationMail m;
  m.company = "Dupont & Fils SRL";
  m.inviter = "Émile Dupont-Lefèvre";
  m.roles = {domain::Role::kSender, domain::Role::kAccountant};
  m.link = std::string("https://sealpost.test/invitations/") + kInvitationToken;
  m.expires_at = kDeadline;
  return m;
}

// One sample of every kind, in the order of app::MailArguments.
inline std::vector<app::MailArguments> SampleArguments() {
  std::vector<app::MailArguments> all;
  all.emplace_back(SampleInvitation());
  app::ItemForRegisteredRecipientMail registered;
  registered.sender_name = "Notariaat Peeters";
  registered.subject = "Ingebrekestelling huurachterstand";
  registered.link = "https://sealpost.test/inbox/7d0f1c9e-2b3a-4c5d-8e6f-9a0b1c2d3e4f";
  registered.handover_deadline = kDeadline;
  all.emplace_back(registered);
  app::ItemNotificationMail notification;
  notification.sender_name = "Notariaat Peeters";
  notification.link = std::string("https://sealpost.test/r/") + kNotificationToken;
  notification.deadline = kDeadline;
  all.emplace_back(notification);
  app::ItemReminderMail reminder;
  reminder.sender_name = "Notariaat Peeters";
  reminder.link = std::string("https://sealpost.test/r/") + kNotificationToken;
  reminder.deadline = kDeadline;
  reminder.days_left = 2;
  all.emplace_back(reminder);
  app::SenderEventMail event;
  event.recipient_name = "Jan Janssens";
  event.recipient_email = "jan.janssens@example.be";
  event.event = app::SenderEvent::kRefused;
  event.at = kDeadline;
  event.link = "https://sealpost.test/items/3f2e1d0c-9b8a-4766-8554-433221100fed";
  all.emplace_back(event);
  app::EmailVerificationMail verification;
  verification.link =
      "https://sealpost.test/verify-email/Hq3Jm8Np1Rs6Tu0Vw2Xy4Za7Bc9De5Fg3Hi8Jk1Lm0N";
  verification.expires_at = kDeadline;
  all.emplace_back(verification);
  app::SubscriptionApprovedMail approved;
  approved.company = "Bakkerij Janssens BV";
  approved.link = "https://sealpost.test/account/subscription";
  all.emplace_back(approved);
  app::SubscriptionRefusedMail refused;
  refused.company = "Bakkerij Janssens BV";
  refused.reason = "Het formulier is niet ondertekend door een wettelijke vertegenwoordiger.";
  refused.link = "https://sealpost.test/account/subscription";
  all.emplace_back(refused);
  return all;
}

inline std::string LinkOf(const app::MailArguments& arguments) {
  return std::visit([](const auto& m) { return m.link; }, arguments);
}

// A row as a use case would queue it; fails the test when the builder refuses.
inline app::OutboxMail Row(const app::MailArguments& arguments, std::string locale,
                           std::string id = "0b7e9a52-3c1d-4f6e-8a9b-0c1d2e3f4a5b",
                           std::string to = "marie.dubois@example.be",
                           std::string to_name = "Marie Dubois", std::string delivery_id = "",
                           common::TimePoint now = kNow) {
  app::MailEnvelope envelope;
  envelope.id = std::move(id);
  envelope.to = std::move(to);
  envelope.to_name = std::move(to_name);
  envelope.locale = std::move(locale);
  envelope.delivery_id = std::move(delivery_id);
  envelope.now = now;
  auto row = app::BuildOutboxMail(envelope, arguments);
  EXPECT_TRUE(row.has_value()) << row.error().ToString();
  return row.value_or(app::OutboxMail{});
}

}  // namespace sealpost::adapters::mail::testing
