#include "adapters/storage/soci_evidence_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

common::Result<void> SociEvidenceRepository::Insert(const domain::EvidenceRecord& record) {
  return WithSavepoint(session_, "insert evidence", [&]() -> common::Result<void> {
    const std::string event(domain::EventName(record.event));
    const long long event_time = ToMicros(record.event_time);
    const long long leaf_index = record.leaf_index;
    soci::indicator delivery_ind = record.delivery_id.empty() ? soci::i_null : soci::i_ok;
    session_ << "INSERT INTO evidence (id, item_id, delivery_id, event, reason_code, event_time, "
                "sealed_xml, "
                "sha256, leaf_index) VALUES (:id, :item_id, :delivery_id, :event, :reason_code, "
                ":event_time, "
                ":sealed_xml, :sha256, :leaf_index)",
        soci::use(record.id, "id"), soci::use(record.item_id, "item_id"),
        soci::use(record.delivery_id, delivery_ind, "delivery_id"), soci::use(event, "event"),
        soci::use(record.reason_code, "reason_code"), soci::use(event_time, "event_time"),
        soci::use(record.sealed_xml, "sealed_xml"), soci::use(record.sha256, "sha256"),
        soci::use(leaf_index, "leaf_index");
    return common::Ok();
  });
}

common::Result<std::vector<domain::EvidenceRecord>> SociEvidenceRepository::Select(
    const std::string& where_order, const std::string& value, const std::string& context) {
  return Guarded(context, [&]() -> common::Result<std::vector<domain::EvidenceRecord>> {
    domain::EvidenceRecord row;
    std::string delivery_id, event;
    soci::indicator delivery_ind = soci::i_ok;
    long long event_time = 0, leaf_index = 0;
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.item_id));
    st.exchange(soci::into(delivery_id, delivery_ind));
    st.exchange(soci::into(event));
    st.exchange(soci::into(row.reason_code));
    st.exchange(soci::into(event_time));
    st.exchange(soci::into(row.sealed_xml));
    st.exchange(soci::into(row.sha256));
    st.exchange(soci::into(leaf_index));
    st.exchange(soci::use(value, "value"));
    st.alloc();
    st.prepare(
        "SELECT id, item_id, delivery_id, event, reason_code, event_time, sealed_xml, sha256, "
        "leaf_index "
        "FROM evidence WHERE " +
        where_order);
    st.define_and_bind();
    std::vector<domain::EvidenceRecord> records;
    if (!st.execute(true)) return records;
    do {
      domain::EvidenceRecord record = row;
      record.delivery_id = delivery_ind == soci::i_null ? std::string() : delivery_id;
      const auto parsed = domain::EventFromName(event);
      if (!parsed)
        return common::Fail(common::ErrorCode::kInternal,
                            context + ": unknown event in row " + row.id);
      record.event = *parsed;
      record.event_time = FromMicros(event_time);
      record.leaf_index = leaf_index;
      records.push_back(std::move(record));
    } while (st.fetch());
    return records;
  });
}

common::Result<std::optional<domain::EvidenceRecord>> SociEvidenceRepository::FindById(
    const std::string& id) {
  auto records = Select("id = :value", id, "find evidence");
  if (!records) return common::Fail(std::move(records.error()));
  if (records->empty()) return std::optional<domain::EvidenceRecord>();
  return std::optional(std::move(records->front()));
}

common::Result<std::vector<domain::EvidenceRecord>> SociEvidenceRepository::ListByItem(
    const std::string& item_id) {
  return Select("item_id = :value ORDER BY leaf_index, id", item_id, "list evidence of item");
}

}  // namespace sealpost::adapters::storage
