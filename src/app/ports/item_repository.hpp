// Persistence of items (with their attachments) and deliveries. Used only inside a UnitOfWork.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/delivery.hpp"
#include "domain/item.hpp"

namespace sealpost::app {

// Keyset pagination: items newest first; `after` is the id of the last item of the previous page.
struct PageRequest {
  std::size_t limit = 50;
  std::string after;
};

class ItemRepository {
 public:
  virtual ~ItemRepository() = default;
  virtual common::Result<void> Insert(const domain::Item& item) = 0;  // with its attachments
  virtual common::Result<std::optional<domain::Item>> FindById(const std::string& id) = 0;
  virtual common::Result<std::vector<domain::Item>> ListBySender(
      const std::string& sender_account_id, const PageRequest& page) = 0;
};

class DeliveryRepository {
 public:
  virtual ~DeliveryRepository() = default;
  virtual common::Result<void> Insert(const domain::Delivery& delivery) = 0;
  virtual common::Result<std::optional<domain::Delivery>> FindById(const std::string& id) = 0;
  virtual common::Result<std::vector<domain::Delivery>> ListByItem(const std::string& item_id) = 0;
  // Deliveries consigned to a registered account (its inbox), newest first.
  virtual common::Result<std::vector<domain::Delivery>> ListByRecipientAccount(
      const std::string& account_id, const PageRequest& page) = 0;
  // Writes state, state_changed_at, deadline, recipient_account_id and the procedure columns
  // (link_token_hash, notified_at, reminders_sent, next_reminder_at); `delivery.version` is the
  // version that was read: kConflict when the stored version differs (someone else changed it).
  // The stored version becomes delivery.version + 1.
  virtual common::Result<void> Update(const domain::Delivery& delivery) = 0;
  // Deliveries with a deadline at or before `now` in one of the non-final states that have
  // deadlines.
  virtual common::Result<std::vector<domain::Delivery>> ListDeadlinePassed(common::TimePoint now,
                                                                           std::size_t limit) = 0;
  // The delivery whose single-use link has this token hash, while the link is valid.
  virtual common::Result<std::optional<domain::Delivery>> FindByLinkTokenHash(
      const std::string& token_hash) = 0;
  // Deliveries awaiting acceptance whose next reminder is due at or before `now`, oldest first.
  virtual common::Result<std::vector<domain::Delivery>> ListRemindersDue(common::TimePoint now,
                                                                         std::size_t limit) = 0;
};

}  // namespace sealpost::app
