#include "http/api/api_json.hpp"

#include "common/clock.hpp"

namespace sealpost::http::api {

namespace {
nlohmann::json OptionalText(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}
}  // namespace

nlohmann::json AttachmentJson(const domain::Attachment& a) {
  return {{"id", a.id},
          {"name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256}};
}

nlohmann::json DeliveryJson(const domain::Delivery& d) {
  nlohmann::json recipient = {{"email", d.recipient.email},
                              {"name", d.recipient.name},
                              {"enterprise_number", OptionalText(d.recipient.enterprise_number)},
                              {"national_number", OptionalText(d.recipient.national_number)}};
  return {{"id", d.id},
          {"item_id", d.item_id},
          {"recipient", recipient},
          {"registered_recipient", !d.recipient_account_id.empty()},
          {"state", domain::StateName(d.state)},
          {"state_changed_at", common::FormatRfc3339(d.state_changed_at)},
          {"deadline", d.deadline ? nlohmann::json(common::FormatRfc3339(*d.deadline))
                                  : nlohmann::json(nullptr)}};
}

nlohmann::json ItemJson(const domain::Item& item, const std::vector<domain::Delivery>& deliveries) {
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : item.attachments) attachments.push_back(AttachmentJson(a));
  nlohmann::json ds = nlohmann::json::array();
  for (const auto& d : deliveries) ds.push_back(DeliveryJson(d));
  return {{"id", item.id},
          {"status", domain::ItemStatusName(item.status)},
          {"subject", item.subject},
          {"submitted_at", common::FormatRfc3339(item.submitted_at)},
          {"attachments", attachments},
          {"deliveries", ds}};
}

nlohmann::json EvidenceSummaryJson(const domain::EvidenceRecord& r) {
  return {{"id", r.id},
          {"event", domain::EventName(r.event)},
          {"delivery", OptionalText(r.delivery_id)},
          {"time", common::FormatRfc3339(r.event_time)},
          {"reason", OptionalText(r.reason_code)},
          {"log_index", r.leaf_index},
          {"sha256", r.sha256}};
}

nlohmann::json InboxEntryJson(const app::InboxEntry& e) {
  return {
      {"delivery_id", e.delivery.id},
      {"item_id", e.delivery.item_id},
      {"sender",
       {{"name", e.sender_name}, {"enterprise_number", OptionalText(e.sender_enterprise_number)}}},
      {"submitted_at", common::FormatRfc3339(e.submitted_at)},
      {"state", domain::StateName(e.delivery.state)},
      {"deadline", e.delivery.deadline ? nlohmann::json(common::FormatRfc3339(*e.delivery.deadline))
                                       : nlohmann::json(nullptr)},
      {"subject", OptionalText(e.subject)}};
}

}  // namespace sealpost::http::api
