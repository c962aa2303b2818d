#include "adapters/storage/soci_mail_outbox_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociMailOutboxRepository::Insert(const app::OutboxMail& m) {
  return WithSavepoint(session_, "insert outbox mail", [&]() -> common::Result<void> {
    const long long created_at = ToMicros(m.created_at);
    const long long next_attempt_at = ToMicros(m.next_attempt_at);
    soci::indicator delivery_ind = m.delivery_id.empty() ? soci::i_null : soci::i_ok;
    session_ << "INSERT INTO mail_outbox (id, template_name, to_address, to_name, locale, args, "
                "delivery_id, created_at, next_attempt_at, attempts, last_error) VALUES (:id, "
                ":template_name, :to_address, :to_name, :locale, :args, :delivery_id, "
                ":created_at, :next_attempt_at, :attempts, :last_error)",
        soci::use(m.id, "id"), soci::use(m.template_name, "template_name"),
        soci::use(m.to, "to_address"), soci::use(m.to_name, "to_name"),
        soci::use(m.locale, "locale"), soci::use(m.args_json, "args"),
        soci::use(m.delivery_id, delivery_ind, "delivery_id"), soci::use(created_at, "created_at"),
        soci::use(next_attempt_at, "next_attempt_at"), soci::use(m.attempts, "attempts"),
        soci::use(m.last_error, "last_error");
    return common::Ok();
  });
}

common::Result<std::vector<app::OutboxMail>> SociMailOutboxRepository::Select(
    const std::string& where, long long number, const std::string& text,
    const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<app::OutboxMail>> {
    app::OutboxMail row;
    std::string delivery_id;
    long long created_at = 0, next_attempt_at = 0, sent_at = 0, failed_at = 0;
    soci::indicator delivery_ind = soci::i_ok, sent_ind = soci::i_ok, failed_ind = soci::i_ok;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.template_name));
    st.exchange(soci::into(row.to));
    st.exchange(soci::into(row.to_name));
    st.exchange(soci::into(row.locale));
    st.exchange(soci::into(row.args_json));
    st.exchange(soci::into(delivery_id, delivery_ind));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(next_attempt_at));
    st.exchange(soci::into(row.attempts));
    st.exchange(soci::into(sent_at, sent_ind));
    st.exchange(soci::into(failed_at, failed_ind));
    st.exchange(soci::into(row.last_error));
    if (where.find(":number") != std::string::npos) st.exchange(soci::use(number, "number"));
    if (where.find(":text") != std::string::npos) st.exchange(soci::use(text, "text"));
    st.alloc();
    st.prepare(
        "SELECT id, template_name, to_address, to_name, locale, args, delivery_id, created_at, "
        "next_attempt_at, attempts, sent_at, failed_at, last_error FROM mail_outbox WHERE " +
        where);
    st.define_and_bind();
    std::vector<app::OutboxMail> out;
    if (!st.execute(true)) return out;
    do {
      app::OutboxMail m = row;
      m.delivery_id = delivery_ind == soci::i_null ? std::string() : delivery_id;
      m.created_at = FromMicros(created_at);
      m.next_attempt_at = FromMicros(next_attempt_at);
      if (sent_ind != soci::i_null) m.sent_at = FromMicros(sent_at);
      if (failed_ind != soci::i_null) m.failed_at = FromMicros(failed_at);
      out.push_back(std::move(m));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::vector<app::OutboxMail>> SociMailOutboxRepository::Due(common::TimePoint now,
                                                                           std::size_t limit) {
  // The limit is a number we produce, not user input.
  return Select(
      "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :number "
      "ORDER BY next_attempt_at, id LIMIT " +
          std::to_string(limit),
      ToMicros(now), "", "list due mail");
}

common::Result<std::optional<app::OutboxMail>> SociMailOutboxRepository::FindById(
    const std::string& id) {
  auto rows = Select("id = :text", 0, id, "find outbox mail");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<app::OutboxMail>();
  return std::optional(std::move(rows->front()));
}

common::Result<void> SociMailOutboxRepository::Update(const std::string& sql, const std::string& id,
                                                      long long at, const std::string& error,
                                                      const std::string& context) {
  return WithSavepoint(session_, context, [&]() -> common::Result<void> {
    soci::statement update = (session_.prepare << sql, soci::use(at, "at"),
                              soci::use(error, "error"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0)
      return common::Fail(common::ErrorCode::kNotFound, "outbox mail not found or settled");
    return common::Ok();
  });
}

common::Result<void> SociMailOutboxRepository::MarkSent(const std::string& id,
                                                        common::TimePoint at) {
  return Update(
      "UPDATE mail_outbox SET sent_at = :at, last_error = :error, attempts = attempts + 1 "
      "WHERE id = :id AND sent_at IS NULL AND failed_at IS NULL",
      id, ToMicros(at), "", "mark mail sent");
}

common::Result<void> SociMailOutboxRepository::MarkRetry(const std::string& id,
                                                         common::TimePoint next_attempt_at,
                                                         const std::string& error) {
  return Update(
      "UPDATE mail_outbox SET next_attempt_at = :at, last_error = :error, attempts = attempts + 1 "
      "WHERE id = :id AND sent_at IS NULL AND failed_at IS NULL",
      id, ToMicros(next_attempt_at), error, "mark mail retry");
}

common::Result<void> SociMailOutboxRepository::MarkFailed(const std::string& id,
                                                          common::TimePoint at,
                                                          const std::string& error) {
  return Update(
      "UPDATE mail_outbox SET failed_at = :at, last_error = :error, attempts = attempts + 1 "
      "WHERE id = :id AND sent_at IS NULL AND failed_at IS NULL",
      id, ToMicros(at), error, "mark mail failed");
}

}  // namespace sealpost::adapters::storage
