#include "adapters/storage/soci_delivery_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

// "'awaiting_acceptance', 'consigned', ..." — the non-final states, from the domain so that a new
// state needs no SQL change. The names are our own constants, never user input.
std::string NonFinalStatesSql() {
  std::string list;
  for (int i = static_cast<int>(domain::DeliveryState::kAccepted);
       i <= static_cast<int>(domain::DeliveryState::kRelayFailed); ++i) {
    const auto state = static_cast<domain::DeliveryState>(i);
    if (domain::IsFinal(state)) continue;
    if (!list.empty()) list += ", ";
    list += "'";
    list += domain::StateName(state);
    list += "'";
  }
  return list;
}

// The procedure columns (link, notification, reminders) as bindable values with NULL indicators.
struct ProgressColumns {
  soci::indicator link_ind;
  soci::indicator sealed_ind;
  long long notified_at;
  soci::indicator notified_ind;
  long long next_reminder_at;
  soci::indicator reminder_ind;

  explicit ProgressColumns(const domain::Delivery& d)
      : link_ind(d.link_token_hash.empty() ? soci::i_null : soci::i_ok),
        sealed_ind(d.link_token_sealed.empty() ? soci::i_null : soci::i_ok),
        notified_at(d.notified_at ? ToMicros(*d.notified_at) : 0),
        notified_ind(d.notified_at ? soci::i_ok : soci::i_null),
        next_reminder_at(d.next_reminder_at ? ToMicros(*d.next_reminder_at) : 0),
        reminder_ind(d.next_reminder_at ? soci::i_ok : soci::i_null) {}
};

}  // namespace

common::Result<void> SociDeliveryRepository::Insert(const domain::Delivery& delivery) {
  return WithSavepoint(session_, "insert delivery", [&]() -> common::Result<void> {
    const std::string state(domain::StateName(delivery.state));
    const long long state_changed_at = ToMicros(delivery.state_changed_at);
    long long deadline = delivery.deadline ? ToMicros(*delivery.deadline) : 0;
    soci::indicator deadline_ind = delivery.deadline ? soci::i_ok : soci::i_null;
    soci::indicator account_ind = delivery.recipient_account_id.empty() ? soci::i_null : soci::i_ok;
    ProgressColumns progress(delivery);
    session_
        << "INSERT INTO deliveries (id, item_id, position, recipient_email, recipient_name, "
           "recipient_enterprise_number, recipient_national_number, recipient_account_id, state, "
           "state_changed_at, deadline, version, language, link_token_hash, link_token_sealed, "
           "notified_at, reminders_sent, next_reminder_at) VALUES (:id, :item_id, :position, "
           ":email, :name, "
           ":enterprise_number, :national_number, :account_id, :state, :state_changed_at, "
           ":deadline, :version, :language, :link_token_hash, :link_token_sealed, :notified_at, "
           ":reminders_sent, "
           ":next_reminder_at)",
        soci::use(delivery.id, "id"), soci::use(delivery.item_id, "item_id"),
        soci::use(delivery.position, "position"), soci::use(delivery.recipient.email, "email"),
        soci::use(delivery.recipient.name, "name"),
        soci::use(delivery.recipient.enterprise_number, "enterprise_number"),
        soci::use(delivery.recipient.national_number, "national_number"),
        soci::use(delivery.recipient_account_id, account_ind, "account_id"),
        soci::use(state, "state"), soci::use(state_changed_at, "state_changed_at"),
        soci::use(deadline, deadline_ind, "deadline"), soci::use(delivery.version, "version"),
        soci::use(delivery.language, "language"),
        soci::use(delivery.link_token_hash, progress.link_ind, "link_token_hash"),
        soci::use(delivery.link_token_sealed, progress.sealed_ind, "link_token_sealed"),
        soci::use(progress.notified_at, progress.notified_ind, "notified_at"),
        soci::use(delivery.reminders_sent, "reminders_sent"),
        soci::use(progress.next_reminder_at, progress.reminder_ind, "next_reminder_at");
    return common::Ok();
  });
}

common::Result<std::vector<domain::Delivery>> SociDeliveryRepository::Select(
    const std::string& from_where_order,
    const std::vector<std::pair<std::string, std::string>>& texts,
    const std::vector<std::pair<std::string, long long>>& numbers, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::Delivery>> {
    domain::Delivery row;
    std::string account_id, state;
    soci::indicator account_ind = soci::i_ok, deadline_ind = soci::i_ok, link_ind = soci::i_ok,
                    sealed_ind = soci::i_ok, notified_ind = soci::i_ok, reminder_ind = soci::i_ok;
    long long state_changed_at = 0, deadline = 0, notified_at = 0, next_reminder_at = 0;
    std::string link_token_hash, link_token_sealed;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.item_id));
    st.exchange(soci::into(row.position));
    st.exchange(soci::into(row.recipient.email));
    st.exchange(soci::into(row.recipient.name));
    st.exchange(soci::into(row.recipient.enterprise_number));
    st.exchange(soci::into(row.recipient.national_number));
    st.exchange(soci::into(account_id, account_ind));
    st.exchange(soci::into(state));
    st.exchange(soci::into(state_changed_at));
    st.exchange(soci::into(deadline, deadline_ind));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.language));
    st.exchange(soci::into(link_token_hash, link_ind));
    st.exchange(soci::into(link_token_sealed, sealed_ind));
    st.exchange(soci::into(notified_at, notified_ind));
    st.exchange(soci::into(row.reminders_sent));
    st.exchange(soci::into(next_reminder_at, reminder_ind));
    for (const auto& [name, value] : texts) st.exchange(soci::use(value, name));
    for (const auto& [name, value] : numbers) st.exchange(soci::use(value, name));
    st.alloc();
    st.prepare(
        "SELECT d.id, d.item_id, d.position, d.recipient_email, d.recipient_name, "
        "d.recipient_enterprise_number, "
        "d.recipient_national_number, d.recipient_account_id, d.state, d.state_changed_at, "
        "d.deadline, d.version, d.language, d.link_token_hash, d.link_token_sealed, d.notified_at, "
        "d.reminders_sent, "
        "d.next_reminder_at " +
        from_where_order);
    st.define_and_bind();
    std::vector<domain::Delivery> deliveries;
    if (!st.execute(true)) return deliveries;
    do {
      domain::Delivery delivery = row;
      delivery.recipient_account_id = account_ind == soci::i_null ? std::string() : account_id;
      const auto parsed = domain::StateFromName(state);
      if (!parsed)
        return common::Fail(common::ErrorCode::kInternal,
                            context + ": unknown state in row " + row.id);
      delivery.state = *parsed;
      delivery.state_changed_at = FromMicros(state_changed_at);
      delivery.deadline =
          deadline_ind == soci::i_null ? std::nullopt : std::optional(FromMicros(deadline));
      delivery.link_token_hash = link_ind == soci::i_null ? std::string() : link_token_hash;
      delivery.link_token_sealed = sealed_ind == soci::i_null ? std::string() : link_token_sealed;
      delivery.notified_at =
          notified_ind == soci::i_null ? std::nullopt : std::optional(FromMicros(notified_at));
      delivery.next_reminder_at =
          reminder_ind == soci::i_null ? std::nullopt : std::optional(FromMicros(next_reminder_at));
      deliveries.push_back(std::move(delivery));
    } while (st.fetch());
    return deliveries;
  });
}

common::Result<std::optional<domain::Delivery>> SociDeliveryRepository::FindById(
    const std::string& id) {
  auto rows = Select("FROM deliveries d WHERE d.id = :id", {{"id", id}}, {}, "find delivery");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<domain::Delivery>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<domain::Delivery>> SociDeliveryRepository::ListByItem(
    const std::string& item_id) {
  return Select("FROM deliveries d WHERE d.item_id = :item_id ORDER BY d.position",
                {{"item_id", item_id}}, {}, "list deliveries of item");
}

common::Result<std::vector<domain::Delivery>> SociDeliveryRepository::ListByRecipientAccount(
    const std::string& account_id, const app::PageRequest& page) {
  if (page.limit == 0) return std::vector<domain::Delivery>();
  const long long limit = static_cast<long long>(page.limit);
  constexpr const char* kFrom =
      "FROM deliveries d JOIN items i ON i.id = d.item_id WHERE d.recipient_account_id = :account ";
  constexpr const char* kOrder = "ORDER BY i.submitted_at DESC, d.id DESC LIMIT :limit";
  if (page.after.empty()) {
    return Select(std::string(kFrom) + kOrder, {{"account", account_id}}, {{"limit", limit}},
                  "list inbox");
  }
  auto cursor = Guarded("list inbox", [&]() -> common::Result<std::optional<long long>> {
    long long submitted_at = 0;
    session_ << "SELECT i.submitted_at FROM deliveries d JOIN items i ON i.id = d.item_id "
                "WHERE d.id = :id AND d.recipient_account_id = :account",
        soci::into(submitted_at), soci::use(page.after, "id"), soci::use(account_id, "account");
    if (!session_.got_data()) return std::optional<long long>();
    return std::optional(submitted_at);
  });
  if (!cursor) return common::Fail(std::move(cursor.error()));
  if (!*cursor) return common::Fail(common::ErrorCode::kInvalidArgument, "unknown page cursor");
  return Select(
      std::string(kFrom) +
          "AND (i.submitted_at < :before OR (i.submitted_at = :same AND d.id < :after)) " + kOrder,
      {{"account", account_id}, {"after", page.after}},
      {{"before", **cursor}, {"same", **cursor}, {"limit", limit}}, "list inbox");
}

common::Result<void> SociDeliveryRepository::Update(const domain::Delivery& delivery) {
  return WithSavepoint(session_, "update delivery", [&]() -> common::Result<void> {
    const std::string state(domain::StateName(delivery.state));
    const long long state_changed_at = ToMicros(delivery.state_changed_at);
    long long deadline = delivery.deadline ? ToMicros(*delivery.deadline) : 0;
    soci::indicator deadline_ind = delivery.deadline ? soci::i_ok : soci::i_null;
    soci::indicator account_ind = delivery.recipient_account_id.empty() ? soci::i_null : soci::i_ok;
    const int next_version = delivery.version + 1;
    ProgressColumns progress(delivery);
    soci::statement update =
        (session_.prepare
             << "UPDATE deliveries SET state = :state, state_changed_at = :state_changed_at, "
                "deadline = :deadline, recipient_account_id = :account_id, version = "
                ":next_version, "
                "link_token_hash = :link_token_hash, notified_at = :notified_at, "
                "reminders_sent = :reminders_sent, next_reminder_at = :next_reminder_at "
                "WHERE id = :id AND version = :version",
         soci::use(state, "state"), soci::use(state_changed_at, "state_changed_at"),
         soci::use(deadline, deadline_ind, "deadline"),
         soci::use(delivery.recipient_account_id, account_ind, "account_id"),
         soci::use(next_version, "next_version"),
         soci::use(delivery.link_token_hash, progress.link_ind, "link_token_hash"),
         soci::use(progress.notified_at, progress.notified_ind, "notified_at"),
         soci::use(delivery.reminders_sent, "reminders_sent"),
         soci::use(progress.next_reminder_at, progress.reminder_ind, "next_reminder_at"),
         soci::use(delivery.id, "id"), soci::use(delivery.version, "version"));
    update.execute(true);
    if (update.get_affected_rows() == 1) return common::Ok();
    int count = 0;
    session_ << "SELECT COUNT(*) FROM deliveries WHERE id = :id", soci::into(count),
        soci::use(delivery.id, "id");
    if (count == 0) return common::Fail(common::ErrorCode::kNotFound, "delivery not found");
    return common::Fail(common::ErrorCode::kConflict, "delivery changed concurrently");
  });
}

common::Result<std::vector<domain::Delivery>> SociDeliveryRepository::ListDeadlinePassed(
    common::TimePoint now, std::size_t limit) {
  if (limit == 0) return std::vector<domain::Delivery>();
  static const std::string kWhere = "FROM deliveries d WHERE d.deadline <= :now AND d.state IN (" +
                                    NonFinalStatesSql() +
                                    ") ORDER BY d.deadline, d.id LIMIT :limit";
  return Select(kWhere, {}, {{"now", ToMicros(now)}, {"limit", static_cast<long long>(limit)}},
                "list passed deadlines");
}

common::Result<std::optional<domain::Delivery>> SociDeliveryRepository::FindByLinkTokenHash(
    const std::string& token_hash) {
  auto rows = Select("FROM deliveries d WHERE d.link_token_hash = :hash", {{"hash", token_hash}},
                     {}, "find delivery by link");
  if (!rows) return common::Fail(std::move(rows.error()));
  if (rows->empty()) return std::optional<domain::Delivery>();
  return std::optional(std::move(rows->front()));
}

common::Result<std::vector<domain::Delivery>> SociDeliveryRepository::ListRemindersDue(
    common::TimePoint now, std::size_t limit) {
  if (limit == 0) return std::vector<domain::Delivery>();
  return Select(
      "FROM deliveries d WHERE d.next_reminder_at <= :now AND d.state = 'awaiting_acceptance' "
      "ORDER BY d.next_reminder_at, d.id LIMIT :limit",
      {}, {{"now", ToMicros(now)}, {"limit", static_cast<long long>(limit)}}, "list due reminders");
}

}  // namespace sealpost::adapters::storage
