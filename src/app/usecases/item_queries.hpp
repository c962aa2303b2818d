// ItemQueries: what a caller may read about items, deliveries and their evidence.
// A sender sees its own items in full. A recipient account sees the deliveries consigned to it and
// their evidence. Anything else answers kNotFound, exactly like a missing id. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/result.hpp"
#include "domain/delivery.hpp"
#include "domain/evidence.hpp"
#include "domain/item.hpp"

namespace sealpost::app {

struct ItemView {
  domain::Item item;
  std::vector<domain::Delivery> deliveries;
};

struct InboxEntry {
  domain::Delivery delivery;
  std::string sender_name;
  std::string sender_enterprise_number;
  common::TimePoint submitted_at;
  std::string subject;  // empty until the content was handed over
};

class ItemQueries {
 public:
  explicit ItemQueries(Database& database);

  common::Result<std::vector<ItemView>> ListItems(const Caller& caller, const PageRequest& page);
  common::Result<ItemView> GetItem(const Caller& caller, const std::string& item_id);
  // The evidence of an item the caller may see, in log order.
  common::Result<std::vector<domain::EvidenceRecord>> ListEvidence(const Caller& caller,
                                                                   const std::string& item_id);
  common::Result<domain::EvidenceRecord> GetEvidence(const Caller& caller,
                                                     const std::string& evidence_id);
  common::Result<std::vector<InboxEntry>> ListInbox(const Caller& caller, const PageRequest& page);

 private:
  Database& database_;
};

}  // namespace sealpost::app
