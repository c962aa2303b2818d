// The operator's pages of the company subscription (PRODUCT.md §3 step 6, §8), under
// /operator/subscriptions: the review queue; one request with its company data, KBO data,
// representatives, documents (shown in the browser), the signature report; and the forms to record
// the receipt of the posted paper (with a scan), approve, or refuse with a reason. To anyone who is
// not an operator these pages answer 404, as if there were no back office. Stateless; runs
// concurrently.
#pragma once

#include "app/usecases/subscription_review.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct SubscriptionReviewPages {
  WebContext web;
  app::SubscriptionReview& review;
};

void AddSubscriptionReviewPages(Router& router, const SubscriptionReviewPages& pages);

}  // namespace sealpost::http::web
