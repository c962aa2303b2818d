// JSON shapes of the /api/v1 resources (DTO mapping). One place, so that every route answers the
// same representation of an item, a delivery or an evidence.
#pragma once

#include <nlohmann/json.hpp>

#include "app/usecases/item_queries.hpp"
#include "domain/delivery.hpp"
#include "domain/evidence.hpp"
#include "domain/item.hpp"

namespace sealpost::http::api {

nlohmann::json AttachmentJson(const domain::Attachment& attachment);
nlohmann::json DeliveryJson(const domain::Delivery& delivery);
nlohmann::json ItemJson(const domain::Item& item, const std::vector<domain::Delivery>& deliveries);
nlohmann::json EvidenceSummaryJson(const domain::EvidenceRecord& record);
nlohmann::json InboxEntryJson(const app::InboxEntry& entry);

}  // namespace sealpost::http::api
