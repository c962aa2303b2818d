// The one builder of outgoing Internet messages (RFC 5322 + MIME), used by the SMTP adapter and
// the demo spool so that what is sent and what the viewer shows are the same bytes.
//
// Shape: text/plain alone; multipart/alternative (text, html) when html_body is set; both wrapped
// in multipart/mixed when there are attachments. Bodies are UTF-8 quoted-printable, attachments
// base64; every header line is 7-bit (non-ASCII as RFC 2047 encoded-words, file names also as RFC
// 2231 parameters), so no relay needs 8BITMIME or SMTPUTF8.
//
// Everything that ends up in a header is checked first: a line break, another control character
// or malformed UTF-8 in any header value, an address that is not `local@domain`, a missing
// recipient or id, or an extra header that would replace one the builder sets are refused with
// kInvalidArgument — so no caller-supplied text can inject a header or a recipient.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/ports/mailer.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::mail {

// Who the messages come from; the same for every message of one mailer.
struct MailSender {
  std::string from_address;       // e.g. "no-reply@sealpost.example.be"; also the SMTP envelope
  std::string from_name;          // UTF-8 display name, may be empty
  std::string message_id_domain;  // right-hand side of Message-ID, e.g. "sealpost.example.be"
};

// kInvalidArgument when the sender cannot produce valid messages (checked once at start-up).
common::Result<void> ValidateSender(const MailSender& sender);

// An ASCII `local@domain` address as SMTP carries it (dot-atom local part, no quoting, no
// comments, no IDN): what both the header and the SMTP envelope accept without escaping.
bool IsValidMailAddress(std::string_view address);

// The complete message with CRLF line endings, ready for SMTP DATA or an .eml file.
common::Result<std::string> BuildMimeMessage(const app::MailMessage& message,
                                             const MailSender& sender, common::TimePoint date);

}  // namespace sealpost::adapters::mail
