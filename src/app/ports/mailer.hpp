// Mailer: hands one e-mail to the outgoing mail system (an SMTP relay in production, a local
// spool with a viewer in demo mode). Send returns once the message is accepted by that system —
// for SMTP, once the relay answered 250 to the end of DATA — so a caller that records "sent"
// after Send never records a message that was not taken over.
//
// Errors tell a retry apart from a bounce:
//   kUnavailable        transient: connection refused or lost, timeout, 4xx reply — try later;
//   kFailedPrecondition permanent: the relay refused the recipient or the message (5xx) — a
//                       notification failure, do not retry;
//   kInvalidArgument    the message itself is malformed (no recipient, header injection).
// Implementations are thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace sealpost::app {

struct MailAttachment {
  std::string file_name;     // UTF-8; encoded by the adapter
  std::string content_type;  // e.g. "application/pdf"
  std::string bytes;
};

struct MailMessage {
  std::string to;       // one address per message: every notification is personal
  std::string to_name;  // display name, UTF-8, may be empty
  std::string subject;  // UTF-8, one line
  std::string text_body;
  std::string html_body;  // optional; sent as multipart/alternative with text_body when set
  std::string language;   // BCP 47 tag of the body ("nl", "fr", "en", "de"): Content-Language
  // Stable id the sender chose (e.g. the outbox row id): becomes the Message-ID's local part, so
  // a retried send of the same message is recognisable downstream.
  std::string id;
  std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. X-Sealpost-Delivery
  std::vector<MailAttachment> attachments;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  [[nodiscard]] virtual common::Result<void> Send(const MailMessage& message) = 0;
};

}  // namespace sealpost::app
