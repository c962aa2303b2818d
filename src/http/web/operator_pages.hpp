// The operator's back office (PRODUCT §8): /operator (the state of the evidence log and the audit
// chain, and the way to every queue), /operator/accounts (search), /operator/accounts/{id} (one
// account: identity, members or companies, consent, recent audit entries) and /operator/audit
// (the audit log, filtered by account and action, paged). Anyone but an operator gets the plain
// 404 page. Read-only pages; stateless; thread-safe.
#pragma once

#include "app/usecases/operator_back_office.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct OperatorPages {
  WebContext web;
  app::OperatorBackOffice& back_office;
};

void AddOperatorPages(Router& router, const OperatorPages& pages);

}  // namespace sealpost::http::web
