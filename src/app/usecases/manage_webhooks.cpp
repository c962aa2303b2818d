#include "app/usecases/manage_webhooks.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/webhook_event.hpp"
#include "common/text.hpp"

namespace sealpost::app {

namespace {

using common::ErrorCode;

constexpr std::size_t kMaxDescriptionLength = 200;

common::Result<void> MayManage(const Caller& caller) {
  if (caller.ViaApiKey()) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "webhook endpoints are registered in the web application after signing in");
  }
  if (!caller.Can(domain::Permission::kManageApiKeys)) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "only an administrator of this account manages its webhooks");
  }
  return common::Ok();
}

common::Result<void> MayRead(const Caller& caller) {
  if (!caller.Can(domain::Permission::kRead)) {
    return common::Fail(ErrorCode::kPermissionDenied,
                        "reading webhooks needs the read permission of this account");
  }
  return common::Ok();
}

common::Error NotFound() { return {ErrorCode::kNotFound, "no such webhook endpoint", ""}; }

template <class Body>
auto InTransaction(Database& database, Body body) -> decltype(body(std::declval<UnitOfWork&>())) {
  auto uow = database.Begin();
  if (!uow) return common::Fail(uow.error());
  auto result = body(**uow);
  if (!result) return result;
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return result;
}

}  // namespace

ManageWebhooks::ManageWebhooks(Database& database, ContentCipher& cipher,
                               const common::Clock& clock, common::Random& random,
                               WebhookSettings settings)
    : database_(database),
      secrets_(cipher),
      clock_(clock),
      random_(random),
      settings_(std::move(settings)) {}

std::string ManageWebhooks::NewSecret() {
  return std::string(kWebhookSecretPrefix) + common::NewToken(random_, 32);
}

WebhookEndpointView ManageWebhooks::View(const WebhookEndpoint& endpoint) const {
  WebhookEndpointView view{endpoint, false};
  view.rotating = !endpoint.previous_secret.empty() && endpoint.previous_secret_until &&
                  *endpoint.previous_secret_until > clock_.Now();
  view.endpoint.wrapped_key.clear();
  view.endpoint.secret.clear();
  view.endpoint.previous_secret.clear();
  if (!view.rotating) view.endpoint.previous_secret_until.reset();
  return view;
}

common::Result<WebhookEndpoint> ManageWebhooks::OwnEndpoint(UnitOfWork& uow, const Caller& caller,
                                                            const std::string& endpoint_id) {
  auto found = uow.Webhooks().FindEndpoint(endpoint_id);
  if (!found) return common::Fail(found.error());
  if (!*found || (*found)->account_id != caller.account.id || (*found)->deleted_at) {
    return common::Fail(NotFound());
  }
  return std::move(**found);
}

common::Result<WebhookWithSecret> ManageWebhooks::Create(const Caller& caller,
                                                         const std::string& url,
                                                         const std::string& description) {
  if (auto allowed = MayManage(caller); !allowed) return common::Fail(allowed.error());
  auto checked = domain::CheckWebhookUrl(url, settings_.url_policy);
  if (!checked) return common::Fail(checked.error());
  const long length = common::PrintableUtf8Length(description);
  if (length < 0 || static_cast<std::size_t>(length) > kMaxDescriptionLength) {
    return common::Fail(ErrorCode::kInvalidArgument,
                        "description must be at most 200 characters of text");
  }
  WebhookEndpoint endpoint;
  endpoint.id = common::NewUuid(random_);
  endpoint.account_id = caller.account.id;
  endpoint.url = url;
  endpoint.description = description;
  endpoint.wrapped_key = secrets_.NewWrappedKey();
  endpoint.created_at = clock_.Now();
  const std::string secret = NewSecret();
  auto sealed = secrets_.Seal(endpoint.wrapped_key, endpoint.id, secret);
  if (!sealed) return common::Fail(sealed.error());
  endpoint.secret = std::move(*sealed);

  auto done = InTransaction(database_, [&](UnitOfWork& uow) -> common::Result<void> {
    auto existing = uow.Webhooks().ActiveEndpoints(caller.account.id);
    if (!existing) return common::Fail(existing.error());
    if (existing->size() >= settings_.max_endpoints_per_account) {
      return common::Fail(ErrorCode::kFailedPrecondition,
                          "an account has at most " +
                              std::to_string(settings_.max_endpoints_per_account) +
                              " webhook endpoints; delete one first");
    }
    if (auto inserted = uow.Webhooks().InsertEndpoint(endpoint); !inserted) return inserted;
    const nlohmann::json details = {{"webhook_id", endpoint.id}, {"url", endpoint.url}};
    return uow.AuditLog().Append(AuditEntryFor(caller, random_, endpoint.created_at,
                                               endpoint.account_id, "webhook.created",
                                               details.dump()));
  });
  if (!done) return common::Fail(done.error());
  return WebhookWithSecret{View(endpoint), secret, std::nullopt};
}

common::Result<std::vector<WebhookEndpointView>> ManageWebhooks::List(const Caller& caller) {
  if (auto allowed = MayRead(caller); !allowed) return common::Fail(allowed.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto endpoints = (*uow)->Webhooks().ActiveEndpoints(caller.account.id);
  if (!endpoints) return common::Fail(endpoints.error());
  std::vector<WebhookEndpointView> out;
  for (const auto& e : *endpoints) out.push_back(View(e));
  return out;
}

common::Result<void> ManageWebhooks::Delete(const Caller& caller, const std::string& endpoint_id) {
  if (auto allowed = MayManage(caller); !allowed) return common::Fail(allowed.error());
  return InTransaction(database_, [&](UnitOfWork& uow) -> common::Result<void> {
    auto endpoint = OwnEndpoint(uow, caller, endpoint_id);
    if (!endpoint) return common::Fail(endpoint.error());
    const common::TimePoint now = clock_.Now();
    if (auto deleted = uow.Webhooks().MarkEndpointDeleted(endpoint_id, now); !deleted) {
      return deleted;
    }
    const nlohmann::json details = {{"webhook_id", endpoint->id}, {"url", endpoint->url}};
    return uow.AuditLog().Append(AuditEntryFor(caller, random_, now, endpoint->account_id,
                                               "webhook.deleted", details.dump()));
  });
}

common::Result<WebhookWithSecret> ManageWebhooks::RotateSecret(const Caller& caller,
                                                               const std::string& endpoint_id) {
  if (auto allowed = MayManage(caller); !allowed) return common::Fail(allowed.error());
  const std::string secret = NewSecret();
  return InTransaction(database_, [&](UnitOfWork& uow) -> common::Result<WebhookWithSecret> {
    auto endpoint = OwnEndpoint(uow, caller, endpoint_id);
    if (!endpoint) return common::Fail(endpoint.error());
    auto sealed = secrets_.Seal(endpoint->wrapped_key, endpoint->id, secret);
    if (!sealed) return common::Fail(sealed.error());
    const common::TimePoint now = clock_.Now();
    const common::TimePoint until = now + settings_.rotation_overlap;
    // The secret being replaced keeps signing; one rotated out earlier stops now.
    if (auto updated = uow.Webhooks().UpdateSecrets(endpoint->id, *sealed, endpoint->secret, until);
        !updated) {
      return common::Fail(updated.error());
    }
    const nlohmann::json details = {{"webhook_id", endpoint->id},
                                    {"previous_secret_until", common::FormatRfc3339(until)}};
    if (auto logged = uow.AuditLog().Append(AuditEntryFor(
            caller, random_, now, endpoint->account_id, "webhook.secret_rotated", details.dump()));
        !logged) {
      return common::Fail(logged.error());
    }
    endpoint->previous_secret = endpoint->secret;
    endpoint->secret = *sealed;
    endpoint->previous_secret_until = until;
    return WebhookWithSecret{View(*endpoint), secret, until};
  });
}

common::Result<WebhookDelivery> ManageWebhooks::SendTest(const Caller& caller,
                                                         const std::string& endpoint_id) {
  if (auto allowed = MayRead(caller); !allowed) return common::Fail(allowed.error());
  return InTransaction(database_, [&](UnitOfWork& uow) -> common::Result<WebhookDelivery> {
    auto endpoint = OwnEndpoint(uow, caller, endpoint_id);
    if (!endpoint) return common::Fail(endpoint.error());
    WebhookDelivery d;
    d.id = common::NewUuid(random_);
    d.endpoint_id = endpoint->id;
    d.event_id = common::NewUuid(random_);
    d.event_name = std::string(kWebhookTestEventName);
    d.created_at = clock_.Now();
    d.next_attempt_at = d.created_at;
    d.body = TestEventBody(d.event_id, d.created_at);
    if (auto inserted = uow.Webhooks().InsertDelivery(d); !inserted) {
      return common::Fail(inserted.error());
    }
    return d;
  });
}

common::Result<std::vector<WebhookDeliveryWithAttempts>> ManageWebhooks::Deliveries(
    const Caller& caller, const std::string& endpoint_id) {
  if (auto allowed = MayRead(caller); !allowed) return common::Fail(allowed.error());
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto endpoint = OwnEndpoint(**uow, caller, endpoint_id);
  if (!endpoint) return common::Fail(endpoint.error());
  auto deliveries = (*uow)->Webhooks().DeliveriesOf(endpoint_id, settings_.deliveries_listed);
  if (!deliveries) return common::Fail(deliveries.error());
  std::vector<WebhookDeliveryWithAttempts> out;
  for (auto& d : *deliveries) {
    auto attempts = (*uow)->Webhooks().AttemptsOf(d.id);
    if (!attempts) return common::Fail(attempts.error());
    out.push_back({std::move(d), std::move(*attempts)});
  }
  return out;
}

common::Result<WebhookDelivery> ManageWebhooks::Replay(const Caller& caller,
                                                       const std::string& endpoint_id,
                                                       const std::string& delivery_id) {
  if (auto allowed = MayRead(caller); !allowed) return common::Fail(allowed.error());
  return InTransaction(database_, [&](UnitOfWork& uow) -> common::Result<WebhookDelivery> {
    auto endpoint = OwnEndpoint(uow, caller, endpoint_id);
    if (!endpoint) return common::Fail(endpoint.error());
    auto original = uow.Webhooks().FindDelivery(delivery_id);
    if (!original) return common::Fail(original.error());
    if (!*original || (*original)->endpoint_id != endpoint->id) {
      return common::Fail(ErrorCode::kNotFound, "no such delivery of this webhook endpoint");
    }
    WebhookDelivery d;
    d.id = common::NewUuid(random_);
    d.endpoint_id = endpoint->id;
    d.event_id = (*original)->event_id;
    d.event_name = (*original)->event_name;
    d.evidence_id = (*original)->evidence_id;
    d.body = (*original)->body;
    d.replay_of = (*original)->id;
    d.created_at = clock_.Now();
    d.next_attempt_at = d.created_at;
    if (auto inserted = uow.Webhooks().InsertDelivery(d); !inserted) {
      return common::Fail(inserted.error());
    }
    return d;
  });
}

}  // namespace sealpost::app
