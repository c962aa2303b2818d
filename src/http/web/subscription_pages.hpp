// The requester's pages of the company subscription (PRODUCT.md §3, issue 6), under
// /account/subscription: the company data and representatives (prefilled from KBO open data), the
// approval form PDF in the visitor's language, the uploads (multipart/form-data: the signed form
// and supporting documents), submitting electronically or choosing the paper path, and where the
// request stands (with the operator's reason after a refusal). The use case decides who may do
// what; forms carry the session's CSRF token; a refused input comes back with its errors beside the
// fields. Stateless; runs concurrently.
#pragma once

#include "app/usecases/subscription_requests.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct SubscriptionPages {
  WebContext web;
  app::SubscriptionRequests& requests;
  std::uint64_t max_document_bytes = 0;
};

void AddSubscriptionPages(Router& router, const SubscriptionPages& pages);

// A stored document as a response the browser shows in place (PDF viewer, image), with its
// sniffed type, `Content-Disposition: inline` and the exact file name; never cached.
HttpResponse InlineDocument(std::string content_type, std::string content,
                            const std::string& file_name);

}  // namespace sealpost::http::web
