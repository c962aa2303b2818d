// The compose page (PRODUCT.md §4.1): a sender writes a registered item — one or more recipients
// (e-mail address, name, optionally an enterprise or national register number), a subject, an
// optional message and attachments — and submits it with SubmitItem. The form is checked here
// first against the same limits SubmitItem applies, so that a typing error gets a message next to
// its field (aria-describedby) with everything typed kept, and leaves no trace; only a request that
// passes goes to SubmitItem, which may still refuse it with a sealed SubmissionRejection. Success
// answers 303 to the item's outbox page.
//
// Works without JavaScript (multipart POST; "add a recipient" is a submit button); web/static/
// compose.js adds live checks, the registration status of each recipient (from the JSON endpoint
// below, backed by LookupRecipient), drag-and-drop and upload progress.
//
// GET  /compose                     the empty form
// POST /compose                     multipart/form-data with the session's CSRF token
// GET  /compose/recipient-status    ?email&name&enterprise_number&national_number →
//                                   {"registered": true|false}, or {"error": "<code>"}
//
// Handlers are stateless and run concurrently.
#pragma once

#include <cstdint>

#include "app/usecases/lookup_recipient.hpp"
#include "app/usecases/submission_settings.hpp"
#include "app/usecases/submit_item.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct ComposePages {
  WebContext web;
  app::SubmitItem& submit;
  app::LookupRecipient lookup;     // stateless; holds references to the database and the clock
  app::SubmissionSettings limits;  // the settings SubmitItem was built with
  std::int64_t price_cents = 0;    // per recipient, electronic channel, excluding VAT
};

void AddComposePages(Router& router, const ComposePages& pages);

}  // namespace sealpost::http::web
