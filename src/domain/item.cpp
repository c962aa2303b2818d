#include "domain/item.hpp"

namespace sealpost::domain {

std::string_view ItemStatusName(ItemStatus status) {
  return status == ItemStatus::kRejected ? "rejected" : "submitted";
}

ItemStatus ItemStatusFromName(std::string_view name) {
  return name == "rejected" ? ItemStatus::kRejected : ItemStatus::kSubmitted;
}

}  // namespace sealpost::domain
