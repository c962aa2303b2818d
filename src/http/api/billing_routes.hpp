// The /api/v1 routes about the caller's money (PRODUCT.md §6, §7): the balance and its movements
// (JSON pages, or all of them as CSV with ?format=csv). Need the billing permission (an API key
// with the "billing" scope, or a member with a role that grants it). Stateless handlers, run
// concurrently.
#pragma once

#include "app/usecases/billing_queries.hpp"
#include "http/request_authentication.hpp"
#include "http/router.hpp"

namespace sealpost::http::api {

struct BillingRoutes {
  RequestAuthenticator authenticator;
  app::BillingQueries& billing;
};

void AddBillingRoutes(Router& router, const BillingRoutes& routes);

}  // namespace sealpost::http::api
