#include "adapters/storage/soci_webhook_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

soci::indicator NullIfEmpty(const std::string& text) {
  return text.empty() ? soci::i_null : soci::i_ok;
}

}  // namespace

common::Result<void> SociWebhookRepository::InsertEndpoint(const app::WebhookEndpoint& e) {
  return WithSavepoint(session_, "insert webhook endpoint", [&]() -> common::Result<void> {
    const long long created_at = ToMicros(e.created_at);
    session_ << "INSERT INTO webhook_endpoints (id, account_id, url, description, wrapped_key, "
                "secret, created_at) VALUES (:id, :account_id, :url, :description, :wrapped_key, "
                ":secret, :created_at)",
        soci::use(e.id, "id"), soci::use(e.account_id, "account_id"), soci::use(e.url, "url"),
        soci::use(e.description, "description"), soci::use(e.wrapped_key, "wrapped_key"),
        soci::use(e.secret, "secret"), soci::use(created_at, "created_at");
    return common::Ok();
  });
}

common::Result<std::vector<app::WebhookEndpoint>> SociWebhookRepository::SelectEndpoints(
    const std::string& where, const std::string& text, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<app::WebhookEndpoint>> {
    app::WebhookEndpoint row;
    std::string previous;
    long long previous_until = 0, created_at = 0, deleted_at = 0;
    soci::indicator previous_ind = soci::i_ok, until_ind = soci::i_ok, deleted_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.account_id));
    st.exchange(soci::into(row.url));
    st.exchange(soci::into(row.description));
    st.exchange(soci::into(row.wrapped_key));
    st.exchange(soci::into(row.secret));
    st.exchange(soci::into(previous, previous_ind));
    st.exchange(soci::into(previous_until, until_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(deleted_at, deleted_ind));
    st.exchange(soci::use(text, "text"));
    st.alloc();
    st.prepare(
        "SELECT id, account_id, url, description, wrapped_key, secret, previous_secret, "
        "previous_secret_until, created_at, deleted_at FROM webhook_endpoints WHERE " +
        where);
    st.define_and_bind();
    std::vector<app::WebhookEndpoint> out;
    if (!st.execute(true)) return out;
    do {
      app::WebhookEndpoint e = row;
      e.previous_secret = previous_ind == soci::i_null ? std::string() : previous;
      if (until_ind != soci::i_null) e.previous_secret_until = FromMicros(previous_until);
      e.created_at = FromMicros(created_at);
      if (deleted_ind != soci::i_null) e.deleted_at = FromMicros(deleted_at);
      out.push_back(std::move(e));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::optional<app::WebhookEndpoint>> SociWebhookRepository::FindEndpoint(
    const std::string& id) {
  auto rows = SelectEndpoints("id = :text", id, "find webhook endpoint");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<app::WebhookEndpoint>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<app::WebhookEndpoint>> SociWebhookRepository::ActiveEndpoints(
    const std::string& account_id) {
  return SelectEndpoints("account_id = :text AND deleted_at IS NULL ORDER BY created_at, id",
                         account_id, "list webhook endpoints");
}

common::Result<void> SociWebhookRepository::MarkEndpointDeleted(const std::string& id,
                                                                common::TimePoint at) {
  return WithSavepoint(session_, "delete webhook endpoint", [&]() -> common::Result<void> {
    const long long micros = ToMicros(at);
    soci::statement update =
        (session_.prepare << "UPDATE webhook_endpoints SET deleted_at = :at WHERE id = :id AND "
                             "deleted_at IS NULL",
         soci::use(micros, "at"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "webhook endpoint not found");
    return common::Ok();
  });
}

common::Result<void> SociWebhookRepository::UpdateSecrets(
    const std::string& id, const std::string& secret, const std::string& previous_secret,
    std::optional<common::TimePoint> previous_until) {
  return WithSavepoint(session_, "rotate webhook secret", [&]() -> common::Result<void> {
    const long long until = previous_until ? ToMicros(*previous_until) : 0;
    soci::indicator previous_ind = NullIfEmpty(previous_secret);
    soci::indicator until_ind = previous_until ? soci::i_ok : soci::i_null;
    soci::statement update =
        (session_.prepare << "UPDATE webhook_endpoints SET secret = :secret, previous_secret = "
                             ":previous, previous_secret_until = :until WHERE id = :id AND "
                             "deleted_at IS NULL",
         soci::use(secret, "secret"), soci::use(previous_secret, previous_ind, "previous"),
         soci::use(until, until_ind, "until"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "webhook endpoint not found");
    return common::Ok();
  });
}

common::Result<void> SociWebhookRepository::InsertDelivery(const app::WebhookDelivery& d) {
  return WithSavepoint(session_, "insert webhook delivery", [&]() -> common::Result<void> {
    const long long created_at = ToMicros(d.created_at);
    const long long next_attempt_at = ToMicros(d.next_attempt_at);
    soci::indicator evidence_ind = NullIfEmpty(d.evidence_id);
    soci::indicator replay_ind = NullIfEmpty(d.replay_of);
    session_ << "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_name, "
                "evidence_id, body, replay_of, created_at, next_attempt_at, attempts, last_error) "
                "VALUES (:id, :endpoint_id, :event_id, :event_name, :evidence_id, :body, "
                ":replay_of, :created_at, :next_attempt_at, :attempts, :last_error)",
        soci::use(d.id, "id"), soci::use(d.endpoint_id, "endpoint_id"),
        soci::use(d.event_id, "event_id"), soci::use(d.event_name, "event_name"),
        soci::use(d.evidence_id, evidence_ind, "evidence_id"), soci::use(d.body, "body"),
        soci::use(d.replay_of, replay_ind, "replay_of"), soci::use(created_at, "created_at"),
        soci::use(next_attempt_at, "next_attempt_at"), soci::use(d.attempts, "attempts"),
        soci::use(d.last_error, "last_error");
    return common::Ok();
  });
}

common::Result<std::vector<app::WebhookDelivery>> SociWebhookRepository::SelectDeliveries(
    const std::string& where, long long number, const std::string& text,
    const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<app::WebhookDelivery>> {
    app::WebhookDelivery row;
    std::string evidence_id, replay_of;
    long long created_at = 0, next_attempt_at = 0, delivered_at = 0, failed_at = 0;
    int last_status = 0;
    soci::indicator evidence_ind = soci::i_ok, replay_ind = soci::i_ok, delivered_ind = soci::i_ok,
                    failed_ind = soci::i_ok, status_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.endpoint_id));
    st.exchange(soci::into(row.event_id));
    st.exchange(soci::into(row.event_name));
    st.exchange(soci::into(evidence_id, evidence_ind));
    st.exchange(soci::into(row.body));
    st.exchange(soci::into(replay_of, replay_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(next_attempt_at));
    st.exchange(soci::into(row.attempts));
    st.exchange(soci::into(delivered_at, delivered_ind));
    st.exchange(soci::into(failed_at, failed_ind));
    st.exchange(soci::into(last_status, status_ind));
    st.exchange(soci::into(row.last_error));
    if (where.find(":number") != std::string::npos) st.exchange(soci::use(number, "number"));
    if (where.find(":text") != std::string::npos) st.exchange(soci::use(text, "text"));
    st.alloc();
    st.prepare(
        "SELECT id, endpoint_id, event_id, event_name, evidence_id, body, replay_of, created_at, "
        "next_attempt_at, attempts, delivered_at, failed_at, last_status, last_error FROM "
        "webhook_deliveries WHERE " +
        where);
    st.define_and_bind();
    std::vector<app::WebhookDelivery> out;
    if (!st.execute(true)) return out;
    do {
      app::WebhookDelivery d = row;
      d.evidence_id = evidence_ind == soci::i_null ? std::string() : evidence_id;
      d.replay_of = replay_ind == soci::i_null ? std::string() : replay_of;
      d.created_at = FromMicros(created_at);
      d.next_attempt_at = FromMicros(next_attempt_at);
      if (delivered_ind != soci::i_null) d.delivered_at = FromMicros(delivered_at);
      if (failed_ind != soci::i_null) d.failed_at = FromMicros(failed_at);
      if (status_ind != soci::i_null) d.last_status = last_status;
      out.push_back(std::move(d));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::optional<app::WebhookDelivery>> SociWebhookRepository::FindDelivery(
    const std::string& id) {
  auto rows = SelectDeliveries("id = :text", 0, id, "find webhook delivery");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<app::WebhookDelivery>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<app::WebhookDelivery>> SociWebhookRepository::DeliveriesOf(
    const std::string& endpoint_id, std::size_t limit) {
  // The limit is a number we produce, not user input.
  return SelectDeliveries(
      "endpoint_id = :text ORDER BY created_at DESC, id DESC LIMIT " + std::to_string(limit), 0,
      endpoint_id, "list webhook deliveries");
}

common::Result<std::vector<app::WebhookDelivery>> SociWebhookRepository::DueDeliveries(
    common::TimePoint now, std::size_t limit) {
  return SelectDeliveries(
      "delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :number "
      "ORDER BY next_attempt_at, id LIMIT " +
          std::to_string(limit),
      ToMicros(now), "", "list due webhook deliveries");
}

common::Result<void> SociWebhookRepository::RecordAttempt(
    const app::WebhookAttempt& a, std::optional<common::TimePoint> delivered_at,
    std::optional<common::TimePoint> next_attempt_at, std::optional<common::TimePoint> failed_at) {
  return WithSavepoint(session_, "record webhook attempt", [&]() -> common::Result<void> {
    const int status = a.status_code.value_or(0);
    soci::indicator status_ind = a.status_code ? soci::i_ok : soci::i_null;
    std::string column = "failed_at";
    common::TimePoint when = a.attempted_at;
    if (delivered_at) {
      column = "delivered_at";
      when = *delivered_at;
    } else if (next_attempt_at) {
      column = "next_attempt_at";
      when = *next_attempt_at;
    } else if (failed_at) {
      when = *failed_at;
    }
    const long long at = ToMicros(when);
    // The column name is one of three constants above, never input.
    soci::statement update =
        (session_.prepare << "UPDATE webhook_deliveries SET " + column +
                                 " = :at, attempts = attempts + 1, last_status = :status, "
                                 "last_error = :error WHERE id = :id AND delivered_at IS NULL "
                                 "AND failed_at IS NULL",
         soci::use(at, "at"), soci::use(status, status_ind, "status"), soci::use(a.error, "error"),
         soci::use(a.delivery_id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "webhook delivery not found or settled");
    const long long attempted_at = ToMicros(a.attempted_at);
    session_ << "INSERT INTO webhook_attempts (delivery_id, number, attempted_at, status_code, "
                "error, duration_ms) VALUES (:delivery_id, :number, :attempted_at, :status_code, "
                ":error, :duration_ms)",
        soci::use(a.delivery_id, "delivery_id"), soci::use(a.number, "number"),
        soci::use(attempted_at, "attempted_at"), soci::use(status, status_ind, "status_code"),
        soci::use(a.error, "error"), soci::use(a.duration_ms, "duration_ms");
    return common::Ok();
  });
}

common::Result<std::vector<app::WebhookAttempt>> SociWebhookRepository::AttemptsOf(
    const std::string& delivery_id) {
  return Guarded("list webhook attempts",
                 [&]() -> common::Result<std::vector<app::WebhookAttempt>> {
                   app::WebhookAttempt row;
                   long long attempted_at = 0;
                   int status = 0;
                   soci::indicator status_ind = soci::i_ok;
                   soci::statement st =
                       (session_.prepare
                            << "SELECT delivery_id, number, attempted_at, status_code, error, "
                               "duration_ms FROM webhook_attempts WHERE delivery_id = :id ORDER BY "
                               "number",
                        soci::use(delivery_id, "id"), soci::into(row.delivery_id),
                        soci::into(row.number), soci::into(attempted_at),
                        soci::into(status, status_ind), soci::into(row.error),
                        soci::into(row.duration_ms));
                   std::vector<app::WebhookAttempt> out;
                   if (!st.execute(true)) return out;
                   do {
                     app::WebhookAttempt a = row;
                     a.attempted_at = FromMicros(attempted_at);
                     a.status_code =
                         status_ind == soci::i_null ? std::nullopt : std::optional<int>(status);
                     out.push_back(std::move(a));
                   } while (st.fetch());
                   return out;
                 });
}

common::Result<std::int64_t> SociWebhookRepository::Cursor() {
  return Guarded("read webhook cursor", [&]() -> common::Result<std::int64_t> {
    long long leaf_index = -1;
    session_ << "SELECT leaf_index FROM webhook_cursor WHERE id = 1", soci::into(leaf_index);
    return static_cast<std::int64_t>(leaf_index);
  });
}

common::Result<void> SociWebhookRepository::MoveCursor(std::int64_t expected, std::int64_t to) {
  return WithSavepoint(session_, "move webhook cursor", [&]() -> common::Result<void> {
    const long long from = expected, next = to;
    soci::statement update = (session_.prepare << "UPDATE webhook_cursor SET leaf_index = :next "
                                                  "WHERE id = 1 AND leaf_index = :from",
                              soci::use(next, "next"), soci::use(from, "from"));
    update.execute(true);
    if (update.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kConflict, "webhook cursor moved concurrently");
    return common::Ok();
  });
}

common::Result<std::vector<app::WebhookSourceEvidence>> SociWebhookRepository::EvidenceAfter(
    std::int64_t after, std::size_t limit) {
  return Guarded(
      "list evidence for webhooks",
      [&]() -> common::Result<std::vector<app::WebhookSourceEvidence>> {
        const long long from = after;
        long long leaf_index = 0, event_time = 0;
        std::string evidence_id, item_id, delivery_id, event, reason_code, sender;
        soci::indicator delivery_ind = soci::i_ok;
        soci::statement st =
            (session_.prepare << "SELECT e.leaf_index, e.id, e.item_id, e.delivery_id, e.event, "
                                 "e.reason_code, e.event_time, i.sender_account_id FROM evidence e "
                                 "JOIN items i ON i.id = e.item_id WHERE e.leaf_index > :after "
                                 "ORDER BY e.leaf_index LIMIT " +
                                     std::to_string(limit),
             soci::use(from, "after"), soci::into(leaf_index), soci::into(evidence_id),
             soci::into(item_id), soci::into(delivery_id, delivery_ind), soci::into(event),
             soci::into(reason_code), soci::into(event_time), soci::into(sender));
        std::vector<app::WebhookSourceEvidence> out;
        if (!st.execute(true)) return out;
        do {
          auto parsed = domain::EventFromName(event);
          if (!parsed) {
            return common::Fail(common::ErrorCode::kInternal,
                                "evidence " + evidence_id + " has an unknown event name");
          }
          out.push_back({leaf_index, evidence_id, item_id,
                         delivery_ind == soci::i_null ? std::string() : delivery_id, *parsed,
                         reason_code, FromMicros(event_time), sender});
        } while (st.fetch());
        return out;
      });
}

}  // namespace sealpost::adapters::storage
