#include "adapters/storage/soci_notification_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<std::vector<app::SenderEventNotice>> SociNotificationRepository::RecentForSender(
    const std::string& sender_account_id, std::size_t limit) {
  return Guarded(
      "list sender events", [&]() -> common::Result<std::vector<app::SenderEventNotice>> {
        app::SenderEventNotice row;
        std::string event, recipient_name;
        long long event_time = 0;
        const long long max_rows = static_cast<long long>(limit);
        soci::indicator recipient_ind = soci::i_ok, delivery_ind = soci::i_ok;
        // The sender's own submission events are left out: they are what the sender did, not news.
        soci::statement st =
            (session_.prepare
                 << "SELECT e.id, e.item_id, i.subject, e.delivery_id, d.recipient_name, e.event, "
                    "e.reason_code, e.event_time FROM evidence e JOIN items i ON i.id = e.item_id "
                    "LEFT JOIN deliveries d ON d.id = e.delivery_id "
                    "WHERE i.sender_account_id = :sender AND e.event NOT IN "
                    "('SubmissionAcceptance', 'SubmissionRejection', 'ContentConsignment') "
                    "ORDER BY e.event_time DESC, e.leaf_index DESC LIMIT :max_rows",
             soci::into(row.evidence_id), soci::into(row.item_id), soci::into(row.item_subject),
             soci::into(row.delivery_id, delivery_ind), soci::into(recipient_name, recipient_ind),
             soci::into(event), soci::into(row.reason_code), soci::into(event_time),
             soci::use(sender_account_id, "sender"), soci::use(max_rows, "max_rows"));
        std::vector<app::SenderEventNotice> out;
        if (!st.execute(true)) return out;
        do {
          app::SenderEventNotice notice = row;
          if (delivery_ind == soci::i_null) notice.delivery_id.clear();
          notice.recipient_name = recipient_ind == soci::i_null ? std::string() : recipient_name;
          const auto parsed = domain::EventFromName(event);
          if (!parsed) {
            return common::Fail(common::ErrorCode::kInternal,
                                "unknown event in evidence " + notice.evidence_id);
          }
          notice.event = *parsed;
          notice.event_time = FromMicros(event_time);
          out.push_back(std::move(notice));
        } while (st.fetch());
        return out;
      });
}

common::Result<std::optional<common::TimePoint>> SociNotificationRepository::SeenAt(
    const std::string& person_account_id, const std::string& account_id) {
  return Guarded("read events seen", [&]() -> common::Result<std::optional<common::TimePoint>> {
    long long seen_at = 0;
    session_ << "SELECT seen_at FROM events_seen WHERE person_account_id = :person AND "
                "account_id = :account",
        soci::into(seen_at), soci::use(person_account_id, "person"),
        soci::use(account_id, "account");
    if (!session_.got_data()) return std::optional<common::TimePoint>();
    return std::optional(FromMicros(seen_at));
  });
}

common::Result<void> SociNotificationRepository::MarkSeen(const std::string& person_account_id,
                                                          const std::string& account_id,
                                                          common::TimePoint at) {
  return WithSavepoint(session_, "mark events seen", [&]() -> common::Result<void> {
    const long long seen_at = ToMicros(at);
    const long long not_after = seen_at;  // SOCI binds each name once: two names for one value
    soci::statement update =
        (session_.prepare << "UPDATE events_seen SET seen_at = :at WHERE person_account_id = "
                             ":person AND account_id = :account AND seen_at < :at_again",
         soci::use(seen_at, "at"), soci::use(person_account_id, "person"),
         soci::use(account_id, "account"), soci::use(not_after, "at_again"));
    update.execute(true);
    if (update.get_affected_rows() > 0) return common::Ok();
    int count = 0;
    session_ << "SELECT COUNT(*) FROM events_seen WHERE person_account_id = :person AND "
                "account_id = :account",
        soci::into(count), soci::use(person_account_id, "person"), soci::use(account_id, "account");
    if (count > 0) return common::Ok();
    session_ << "INSERT INTO events_seen (person_account_id, account_id, seen_at) VALUES "
                "(:person, :account, :at)",
        soci::use(person_account_id, "person"), soci::use(account_id, "account"),
        soci::use(seen_at, "at");
    return common::Ok();
  });
}

}  // namespace sealpost::adapters::storage
