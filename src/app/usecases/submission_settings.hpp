// Operator-configurable limits and periods of the submission procedure (config [delivery]).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sealpost::app {

struct SubmissionSettings {
  std::uint64_t max_item_bytes = 50ull * 1024 * 1024;  // all attachments of one item together
  std::size_t max_recipients = 100;
  std::size_t max_attachments = 50;
  std::size_t max_subject_chars = 300;
  std::size_t max_message_bytes = 64 * 1024;
  std::chrono::days handover_period{15};
  // Procedure B (PRODUCT §4.2): the time a recipient who is not registered has to accept or
  // refuse, and the days after submission on which they are reminded.
  std::chrono::days acceptance_period{15};
  std::vector<int> reminder_days = {3, 7, 13};
  // Where browsers reach sealpost: the links in e-mails start with it (e.g. https://sealpost.be).
  std::string public_base_url = "http://localhost:8080";
  // The price of one electronic delivery (per recipient), excluding VAT, in cents (config
  // [pricing] electronic_delivery_cents); a billing plan may set its own. Debited at submission,
  // with VAT, in the transaction that records the item. 0: free, nothing is debited.
  std::int64_t electronic_delivery_cents = 0;
  // PDF and common office and image types (PRODUCT.md §4.1).
  std::vector<std::string> allowed_content_types = {
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.spreadsheet",
      "application/msword",
      "application/vnd.ms-excel",
      "text/plain",
      "text/csv",
      "application/xml",
      "image/png",
      "image/jpeg",
      "image/tiff",
  };
};

}  // namespace sealpost::app
