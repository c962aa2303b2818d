// The members page of a company (PRODUCT §3, issue 4 "company admin"): the members with their
// roles (change, remove), the invitations (withdraw) and a form to invite someone by e-mail. Only
// an admin of the company acted for gets here; the use case decides and keeps at least one admin.
// Forms carry the session's CSRF token and answer with a redirect. Stateless; runs concurrently.
#pragma once

#include "app/usecases/manage_members.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::web {

struct MemberPages {
  WebContext web;
  app::ManageMembers& members;
  const common::Clock& clock;  // an invitation's status depends on the time
};

void AddMemberPages(Router& router, const MemberPages& pages);

}  // namespace sealpost::http::web
