// The pages of a registered recipient (PRODUCT §4.2 A): /account/recipient shows whether the
// account acted for receives registered items electronically, the addresses it confirmed, and the
// forms to register an address with consent, remove an address and revoke the consent;
// /recipient/verify/{token} is where the link of the verification e-mail leads (a page with a
// confirm button, so that a mail scanner opening the link changes nothing). Forms post with the
// session's CSRF token and answer with a redirect (303). Stateless; thread-safe.
#pragma once

#include "app/usecases/recipient_registration.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct RecipientRegistrationPages {
  WebContext web;
  app::RecipientRegistration& registration;
  const common::Clock& clock;
  int handover_days = 15;  // how long a registered recipient has to open an item
};

void AddRecipientRegistrationPages(Router& router, const RecipientRegistrationPages& pages);

}  // namespace sealpost::http::web
