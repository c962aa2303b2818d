// SmtpMailer: the production Mailer. Hands each message to an SMTP relay with libcurl (one
// connection per message: notifications are few and a fresh session never inherits a broken
// one). The message is built by BuildMimeMessage; libcurl does the SMTP dialogue, AUTH and the
// dot-stuffing of DATA.
//
// Outcome (see app::Mailer): OK once the relay answered 250 to the end of DATA;
// kInvalidArgument for a malformed message, before any connection is made; kFailedPrecondition
// when the relay refused the recipient or the message with 5xx; kUnavailable for everything a
// later attempt may fix: connection refused or lost, timeout, TLS failure, any 4xx, and the AUTH
// failures 530/535/538 (wrong or missing credentials are a configuration fault of ours, not a
// verdict on the message). Error.reason carries "smtp:<code>" when the relay answered.
//
// Secrets: the password goes to libcurl only; it is never part of an error message or log.
// Thread-safety: thread-safe (one curl easy handle per Send; the settings are immutable).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "adapters/mail/mime_message.hpp"
#include "app/ports/mailer.hpp"
#include "common/clock.hpp"

namespace sealpost::adapters::mail {

struct SmtpMailerSettings {
  // smtp://host[:port][/ehlo-name] or smtps://host[:port][/ehlo-name] (implicit TLS, port 465).
  // No credentials in the URL: use username/password.
  std::string url;
  // With smtp://, insist on STARTTLS (RFC 3207) and fail rather than send in clear text. Without
  // it no STARTTLS is attempted — fit for a relay on the same host only.
  bool require_starttls = false;
  // PEM file of CA certificates to verify the relay with; empty = the system store. The relay's
  // certificate and host name are always verified.
  std::string ca_file;
  // Optional AUTH (libcurl picks the best mechanism the relay offers). Credentials are only sent
  // over TLS, or in clear text to a relay on the loopback interface.
  std::string username;
  std::string password;
  MailSender sender;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // the whole SMTP transaction
};

class SmtpMailer final : public app::Mailer {
 public:
  // kInvalidArgument for bad settings (checked once, at start-up). `clock` (for the Date header)
  // must outlive the mailer.
  static common::Result<std::unique_ptr<SmtpMailer>> Create(SmtpMailerSettings settings,
                                                            const common::Clock& clock);

  [[nodiscard]] common::Result<void> Send(const app::MailMessage& message) override;

 private:
  SmtpMailer(SmtpMailerSettings settings, const common::Clock& clock);

  const SmtpMailerSettings settings_;
  const common::Clock& clock_;
};

}  // namespace sealpost::adapters::mail
