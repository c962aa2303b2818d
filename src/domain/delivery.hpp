// A delivery: one item on its way to one recipient, with its own state machine and evidence.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "domain/delivery_state.hpp"

namespace sealpost::domain {

// The recipient as the sender described them. When an identifier is given, whoever accepts must
// match it.
struct Recipient {
  std::string email;
  std::string name;
  std::string enterprise_number;  // 10 digits or empty
  std::string national_number;    // 11 digits or empty
  std::string language = {};      // "nl", "fr", "en", "de"; empty: the sender's language
};

struct Delivery {
  std::string id;  // UUID
  std::string item_id;
  int position = 0;  // index of the recipient in the item (EvidenceRefersToRecipient)
  Recipient recipient;
  std::string recipient_account_id;  // the registered account it was consigned to, or empty
  DeliveryState state = DeliveryState::kAccepted;
  common::TimePoint state_changed_at;
  std::optional<common::TimePoint> deadline;  // handover or acceptance deadline while one runs
  int version = 0;                            // optimistic concurrency: bumped by every update
  std::string language = "nl";  // the recipient's language: notifications, reminders, pages
  // Procedure B: the SHA-256 (hex) of the single-use link's token while the recipient may still
  // decide; cleared by the decision.
  std::string link_token_hash;
  // The same token sealed with the item's content key (base64), so that reminders can repeat the
  // link; the database alone does not reveal it.
  std::string link_token_sealed;
  std::optional<common::TimePoint> notified_at;  // when the notification e-mail was taken over
  int reminders_sent = 0;
  std::optional<common::TimePoint> next_reminder_at;  // while a reminder is due
};

}  // namespace sealpost::domain
