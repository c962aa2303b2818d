// The sender's outbox (PRODUCT.md §4.1, §4.3): the items the account acted for sent, newest first,
// each with its recipients and each delivery's state, searchable and filtered by state, date and
// recipient; one item with a timeline of its evidence per recipient; the downloads of its proofs
// (each sealed evidence, the offline proof bundle, and a link to each delivery's PDF certificate
// served by /api/v1/deliveries/{id}/certificate). What a visitor may see is decided by the use
// cases: another account's item answers exactly like a missing one. Handlers are stateless and
// run concurrently.
//
// GET /outbox                                  list (?q ?recipient ?state ?from ?to ?cursor)
// GET /outbox/{item}                           one item
// GET /outbox/{item}/evidence/{evidence}       a sealed evidence (XML)
// GET /outbox/{item}/proof-bundle              the proof bundle (zip)
#pragma once

#include "app/ports/archive_writer.hpp"
#include "app/usecases/build_proof_bundle.hpp"
#include "app/usecases/item_queries.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct OutboxPages {
  WebContext web;
  app::ItemQueries& queries;
  app::BuildProofBundle& proof_bundle;
  app::ArchiveWriter& archive_writer;
};

void AddOutboxPages(Router& router, const OutboxPages& pages);

}  // namespace sealpost::http::web
