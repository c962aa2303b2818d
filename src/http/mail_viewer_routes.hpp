// The local mail viewer of demo mode: plain HTML pages over app::MailSpool so a developer can read
// the e-mails sealpost "sent" without a mail server. A developer tool, English only, never
// registered outside demo mode.
//
//   GET /dev/mail              the newest messages (time, recipient, subject, links)
//   GET /dev/mail/{id}         one message: headers, attachments, text body, HTML body (framed)
//   GET /dev/mail/{id}.eml     the raw message, message/rfc822
//   GET /dev/mail/{id}/html    the HTML body alone, under Content-Security-Policy: sandbox
//
// Every spooled value is HTML-escaped; the HTML body — mail content, untrusted — only ever runs
// in a sandboxed frame with no script, no same-origin access and no remote loads.
// Thread-safety: the handlers hold a shared_ptr to the spool, which is thread-safe itself.
#pragma once

#include <memory>

#include "app/ports/mail_spool.hpp"
#include "http/router.hpp"

namespace sealpost::http {

inline constexpr std::string_view kMailViewerPath = "/dev/mail";

void AddMailViewerRoutes(Router& router, std::shared_ptr<const app::MailSpool> spool);

}  // namespace sealpost::http
