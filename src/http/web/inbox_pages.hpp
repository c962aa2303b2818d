// The registered recipient's inbox (PRODUCT.md §4.2 A): the deliveries addressed to the account
// acted for, those still to be opened first; one delivery; opening it, which is the hand-over of
// its content and records the proof of receipt (HandOverContent::Execute); its attachments, its
// evidence and its proofs.
//
// Opening is a POST with the session's CSRF token, never a GET: a link prefetcher, a mail scanner
// or a browser's preloading must not create a proof of receipt that the person never gave. The
// subject, the content and the evidence (which names the subject) are shown only once opened.
//
// GET  /inbox                                        list (?cursor for older items)
// GET  /inbox/{delivery}                             one delivery (the "Open" form until opened)
// POST /inbox/{delivery}/open                        the hand-over, then 303 back
// GET  /inbox/{delivery}/attachments/{attachment}    an attachment (after opening)
// GET  /inbox/{delivery}/evidence/{evidence}         a sealed evidence (XML)
// GET  /inbox/{delivery}/proof-bundle                the recipient's proof bundle (zip)
//
// Handlers are stateless and run concurrently.
#pragma once

#include "app/ports/archive_writer.hpp"
#include "app/usecases/build_proof_bundle.hpp"
#include "app/usecases/hand_over_content.hpp"
#include "app/usecases/item_queries.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct InboxPages {
  WebContext web;
  app::ItemQueries& queries;
  app::HandOverContent& hand_over;
  app::BuildProofBundle& proof_bundle;
  app::ArchiveWriter& archive_writer;
};

void AddInboxPages(Router& router, const InboxPages& pages);

}  // namespace sealpost::http::web
