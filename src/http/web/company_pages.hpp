// /account/company: the details of the company the visitor acts for (name, enterprise number, VAT
// id, notification address, whether it may send, KBO/BCE data when imported), with the form an
// admin uses to change the notification address. Forms post with the session's CSRF token and
// answer with a redirect (303). Stateless; thread-safe.
#pragma once

#include "app/usecases/company_details.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct CompanyPages {
  WebContext web;
  app::CompanyDetails& details;
};

void AddCompanyPages(Router& router, const CompanyPages& pages);

}  // namespace sealpost::http::web
