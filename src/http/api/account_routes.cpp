#include "http/api/account_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/http_response.hpp"
#include "http/problem.hpp"
#include "http/session_cookie.hpp"

namespace sealpost::http::api {

namespace {

using common::ErrorCode;
using nlohmann::json;

HttpResponse ProblemFor(const HttpRequest& request, const common::Error& error) {
  ProblemOptions options;
  options.instance = request.path;
  options.request_id = request.request_id;
  return HttpResponse::Problem(error, options);
}

json Nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json RolesJson(const std::vector<domain::Role>& roles) {
  json out = json::array();
  for (auto r : roles) out.push_back(domain::RoleName(r));
  return out;
}

json PermissionsJson(domain::Permissions permissions) {
  json out = json::array();
  for (auto p : domain::kAllPermissions) {
    if (permissions.Has(p)) out.push_back(domain::PermissionName(p));
  }
  return out;
}

json AccountJson(const domain::Account& a) {
  return {{"id", a.id},
          {"kind", domain::AccountKindName(a.kind)},
          {"name", a.display_name},
          {"email", Nullable(a.email)},
          {"enterprise_number", Nullable(a.enterprise_number)},
          {"can_send", a.can_send}};
}

json ApiKeyJson(const domain::ApiKey& k) {
  json scopes = json::array();
  for (auto scope : domain::kApiKeyScopes) {
    if (k.HasScope(scope)) scopes.push_back(scope);
  }
  return {{"id", k.id},
          {"label", k.label},
          {"prefix", k.prefix},
          {"scopes", scopes},
          {"created_at", common::FormatRfc3339(k.created_at)},
          {"last_used_at", k.last_used_at ? json(common::FormatRfc3339(*k.last_used_at)) : json()},
          {"revoked_at", k.revoked_at ? json(common::FormatRfc3339(*k.revoked_at)) : json()}};
}

json InvitationJson(const domain::Invitation& i, common::TimePoint now) {
  return {{"id", i.id},
          {"email", i.email},
          {"roles", RolesJson(i.roles)},
          {"status", domain::InvitationStatusName(i.StatusAt(now))},
          {"created_at", common::FormatRfc3339(i.created_at)},
          {"expires_at", common::FormatRfc3339(i.expires_at)}};
}

// The JSON object body of a request; kInvalidArgument otherwise.
common::Result<json> JsonBody(const HttpRequest& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return common::Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  }
  return body;
}

common::Result<std::string> StringMember(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    return common::Fail(ErrorCode::kInvalidArgument, std::string(name) + " must be a string");
  }
  return it->get<std::string>();
}

// An array of strings, joined with spaces (the form the use cases parse and validate).
common::Result<std::string> WordListMember(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_array()) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        std::string(name) + " must be an array of strings");
  }
  std::string out;
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().find(' ') != std::string::npos) {
      return common::Fail(ErrorCode::kInvalidArgument,
                          std::string(name) + " must be an array of strings");
    }
    if (!out.empty()) out += ' ';
    out += v.get<std::string>();
  }
  return out;
}

#define SP_TRY(var, expr) \
  auto var = (expr);      \
  if (!var) return ProblemFor(request, var.error())

HttpResponse GetAccount(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  json out = {{"account", AccountJson(caller->account)},
              {"permissions", PermissionsJson(caller->permissions)},
              {"operator", caller->is_operator},
              {"authentication",
               {{"method", caller->authentication_method},
                {"at", common::FormatRfc3339(caller->authenticated_at)}}}};
  out["person"] = nullptr;
  json companies = json::array();
  if (!caller->person_account_id.empty()) {
    out["person"] = {{"id", caller->person_account_id}};
    SP_TRY(mine, r.companies.ListMine(*caller));
    for (const auto& m : *mine) {
      json c = AccountJson(m.company);
      c["roles"] = RolesJson(m.membership.roles);
      companies.push_back(std::move(c));
    }
  }
  out["companies"] = std::move(companies);
  return HttpResponse::Json(200, out);
}

// Chooses the account a signed-in session acts for: {"account_id": "<company id>"}, or null / the
// person's own id for their personal account.
HttpResponse ActAs(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  if (caller->ViaApiKey()) {
    return ProblemFor(
        request, {ErrorCode::kPermissionDenied, "an API key acts for its own account only", ""});
  }
  SP_TRY(body, JsonBody(request));
  std::string account_id;
  if (auto it = body->find("account_id"); it != body->end() && !it->is_null()) {
    if (!it->is_string()) {
      return ProblemFor(request, {ErrorCode::kInvalidArgument, "account_id must be a string", ""});
    }
    account_id = it->get<std::string>();
  }
  SP_TRY(session, r.sessions.ActAs(SessionCookieValue(request), account_id));
  SP_TRY(now_acting, r.sessions.CallerFor(*session));
  return HttpResponse::Json(200, {{"account", AccountJson(now_acting->account)},
                                  {"permissions", PermissionsJson(now_acting->permissions)}});
}

HttpResponse CreateCompany(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(body, JsonBody(request));
  SP_TRY(number, StringMember(*body, "enterprise_number"));
  SP_TRY(name, StringMember(*body, "name"));
  SP_TRY(email, StringMember(*body, "email"));
  SP_TRY(company, r.companies.Create(*caller, {*number, *name, *email}));
  return HttpResponse::Json(201, AccountJson(*company));
}

HttpResponse ListMembers(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(members, r.members.List(*caller));
  json items = json::array();
  for (const auto& m : *members) {
    items.push_back({{"person_id", m.person.id},
                     {"name", m.person.display_name},
                     {"roles", RolesJson(m.membership.roles)},
                     {"joined_at", common::FormatRfc3339(m.membership.joined_at)}});
  }
  return HttpResponse::Json(200, {{"items", items}});
}

HttpResponse SetMemberRoles(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(body, JsonBody(request));
  SP_TRY(roles, WordListMember(*body, "roles"));
  SP_TRY(membership, r.members.SetRoles(*caller, std::string(*request.Param("person_id")), *roles));
  return HttpResponse::Json(
      200, {{"person_id", membership->person_account_id}, {"roles", RolesJson(membership->roles)}});
}

HttpResponse RemoveMember(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(removed, r.members.Remove(*caller, std::string(*request.Param("person_id"))));
  return HttpResponse::Empty(204);
}

HttpResponse ListInvitations(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(invitations, r.members.ListInvitations(*caller));
  json items = json::array();
  const common::TimePoint now = r.clock.Now();
  for (const auto& i : *invitations) items.push_back(InvitationJson(i, now));
  return HttpResponse::Json(200, {{"items", items}});
}

HttpResponse Invite(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(body, JsonBody(request));
  SP_TRY(email, StringMember(*body, "email"));
  SP_TRY(roles, WordListMember(*body, "roles"));
  std::string language = "nl";
  if (body->contains("language")) {
    SP_TRY(given, StringMember(*body, "language"));
    if (*given != "nl" && *given != "fr" && *given != "en" && *given != "de") {
      return ProblemFor(
          request, {ErrorCode::kInvalidArgument, "language must be one of nl, fr, en, de", ""});
    }
    language = *given;
  }
  SP_TRY(created, r.members.Invite(*caller, *email, *roles, language));
  // The link stays in the e-mail: it is the invitee's proof of the address.
  return HttpResponse::Json(201,
                            InvitationJson(created->invitation, created->invitation.created_at));
}

HttpResponse RevokeInvitation(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(revoked, r.members.RevokeInvitation(*caller, std::string(*request.Param("id"))));
  return HttpResponse::Empty(204);
}

HttpResponse ListApiKeys(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(keys, r.api_keys.List(*caller));
  json items = json::array();
  for (const auto& k : *keys) items.push_back(ApiKeyJson(k));
  return HttpResponse::Json(200, {{"items", items}});
}

HttpResponse CreateApiKey(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(body, JsonBody(request));
  SP_TRY(label, StringMember(*body, "label"));
  SP_TRY(scopes, WordListMember(*body, "scopes"));
  SP_TRY(created, r.api_keys.Create(*caller, *label, *scopes));
  json out = ApiKeyJson(created->key);
  out["secret"] = created->secret;  // shown this once
  return HttpResponse::Json(201, out).SetHeader("Cache-Control", "no-store");
}

HttpResponse RevokeApiKey(const AccountRoutes& r, const HttpRequest& request) {
  SP_TRY(caller, AuthenticateRequest(r.authenticator, request));
  SP_TRY(revoked, r.api_keys.Revoke(*caller, std::string(*request.Param("id"))));
  return HttpResponse::Empty(204);
}

#undef SP_TRY

}  // namespace

void AddAccountRoutes(Router& router, const AccountRoutes& routes) {
  auto bind = [routes](HttpResponse (*handler)(const AccountRoutes&, const HttpRequest&)) {
    return [routes, handler](const HttpRequest& request) { return handler(routes, request); };
  };
  router.Add("GET", "/api/v1/account", bind(GetAccount));
  router.Add("PUT", "/api/v1/account/acting-for", bind(ActAs));
  router.Add("POST", "/api/v1/companies", bind(CreateCompany));
  router.Add("GET", "/api/v1/members", bind(ListMembers));
  router.Add("PUT", "/api/v1/members/{person_id}", bind(SetMemberRoles));
  router.Add("DELETE", "/api/v1/members/{person_id}", bind(RemoveMember));
  router.Add("GET", "/api/v1/invitations", bind(ListInvitations));
  router.Add("POST", "/api/v1/invitations", bind(Invite));
  router.Add("DELETE", "/api/v1/invitations/{id}", bind(RevokeInvitation));
  router.Add("GET", "/api/v1/api-keys", bind(ListApiKeys));
  router.Add("POST", "/api/v1/api-keys", bind(CreateApiKey));
  router.Add("DELETE", "/api/v1/api-keys/{id}", bind(RevokeApiKey));
}

}  // namespace sealpost::http::api
