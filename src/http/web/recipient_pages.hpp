// The page behind the single-use link of a recipient who is not registered (PRODUCT §4.2 B): who
// sent an item and until when the recipient may decide — never the subject or content before
// acceptance — and, once signed in with eID/itsme, the forms to accept (optionally registering
// for future items) or refuse. Afterwards the page says what was decided. Handlers are stateless
// and run concurrently.
#pragma once

#include "app/usecases/recipient_decision.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct RecipientPages {
  WebContext web;
  app::RecipientDecision& decision;
};

void AddRecipientPages(Router& router, const RecipientPages& pages);

}  // namespace sealpost::http::web
