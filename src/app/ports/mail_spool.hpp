// MailSpool: the read side of the demo-mode mail spool ("local mail viewer"). In demo mode every
// e-mail sealpost sends is kept as an .eml file instead of going to a relay; the viewer lists and
// shows them so a developer can follow invitations and notifications without a mail server.
// Only the newest messages are kept (the spool is bounded), so a listed id may disappear.
// Implementations are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct SpooledMailSummary {
  std::string id;          // spool id: letters, digits, '-' and '_' only; safe in a URL path
  common::TimePoint time;  // when it was spooled
  std::string to;          // decoded To header, e.g. "Jan Peeters <jan@example.be>"
  std::string subject;     // decoded
  std::string message_id;  // the Message-ID header, e.g. "<4f1c…@sealpost.example.be>"
};

struct SpooledMailAttachment {
  std::string file_name;
  std::string content_type;
  std::size_t size = 0;
};

struct SpooledMail {
  SpooledMailSummary summary;
  std::vector<std::pair<std::string, std::string>> headers;  // top-level fields, decoded
  std::string raw;        // the message exactly as it would have been sent (RFC 5322, CRLF)
  std::string text_body;  // decoded, "\n" line breaks
  std::string html_body;  // decoded; empty when the message has none. Untrusted for display:
                          // show it sandboxed only.
  std::vector<SpooledMailAttachment> attachments;
};

class MailSpool {
 public:
  virtual ~MailSpool() = default;
  // At most `limit` messages, newest first.
  [[nodiscard]] virtual common::Result<std::vector<SpooledMailSummary>> List(
      std::size_t limit) const = 0;
  // kNotFound for an unknown (or already pruned) id; kInvalidArgument for an id that is not of
  // the spool's form (e.g. one with path characters).
  [[nodiscard]] virtual common::Result<SpooledMail> Get(std::string_view id) const = 0;
};

}  // namespace sealpost::app
