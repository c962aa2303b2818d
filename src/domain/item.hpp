// A registered item: what the sender submitted once, for one or more recipients (each a Delivery).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.hpp"

namespace sealpost::domain {

struct Attachment {
  std::string id;    // UUID
  int position = 0;  // order in which the sender gave it
  std::string file_name;
  std::string content_type;
  std::uint64_t size = 0;    // plaintext bytes
  std::string sha256;        // hex SHA-256 of the plaintext, as sealed in the evidence
  std::string blob_address;  // where the encrypted bytes are (BlobStore address)
};

enum class ItemStatus { kSubmitted, kRejected };

struct Item {
  std::string id;  // UUID, also the EN 319 522 MessageIdentifier
  std::string sender_account_id;
  std::string subject;
  std::string message;
  ItemStatus status = ItemStatus::kSubmitted;
  std::string wrapped_key;  // the item's content key, wrapped by the master key
  common::TimePoint submitted_at;
  std::vector<Attachment> attachments;
  std::string language = "nl";  // the sender's language: e-mails to the sender about this item
};

std::string_view ItemStatusName(ItemStatus status);
ItemStatus ItemStatusFromName(std::string_view name);

}  // namespace sealpost::domain
