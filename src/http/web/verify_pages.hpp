// The public verification page (PRODUCT §4.3): anyone drops an evidence file, a proof bundle or a
// PDF certificate and gets the same verdict as `sealpost verify`, computed from the file alone
// against the provider's published trust anchors. No sign-in; nothing is stored. The form changes
// nothing, so it carries no CSRF token. Handlers are stateless and run concurrently.
#pragma once

#include "app/ports/proof_verifier.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct VerifyPages {
  WebContext web;
  const app::ProofVerifier& verifier;
};

void AddVerifyPages(Router& router, const VerifyPages& pages);

}  // namespace sealpost::http::web
