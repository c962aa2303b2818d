// The /api/v1 routes: the integration API for senders and registered recipients (PRODUCT.md §7).
// Each handler authenticates the caller (API key, or session with CSRF header), calls one use case
// and maps the outcome to JSON or problem+json. Handlers are stateless and run concurrently on the
// server's worker threads.
#pragma once

#include "app/ports/archive_writer.hpp"
#include "app/usecases/authenticate_api_key.hpp"
#include "app/usecases/build_evidence_certificate.hpp"
#include "app/usecases/build_proof_bundle.hpp"
#include "app/usecases/hand_over_content.hpp"
#include "app/usecases/item_queries.hpp"
#include "app/usecases/session_service.hpp"
#include "app/usecases/submit_item.hpp"
#include "http/router.hpp"

namespace sealpost::http::api {

struct ApiV1 {
  app::AuthenticateApiKey& authenticate;
  app::SessionService& sessions;  // a signed-in browser may call the API too
  app::SubmitItem& submit_item;
  app::ItemQueries& queries;
  app::HandOverContent& hand_over;
  app::BuildProofBundle& proof_bundle;
  app::ArchiveWriter& archive_writer;
  // The PDF certificate of a delivery. A pointer with a default so that a composition root that
  // does not wire it yet still compiles; while it is null the route answers 503.
  app::BuildEvidenceCertificate* certificate = nullptr;
};

void AddApiV1Routes(Router& router, const ApiV1& api);

}  // namespace sealpost::http::api
