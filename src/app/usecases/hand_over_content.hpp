// HandOverContent: the recipient obtains the content of a delivery. The first hand-over is the
// legal proof of receipt: it records a ContentHandover evidence before any content leaves the
// service; later reads return the same content without new evidence. Attachments are decrypted on
// the way out and checked against the digest that was sealed at submission. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/evidence_log.hpp"
#include "app/ports/blob_store.hpp"
#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/delivery.hpp"
#include "domain/item.hpp"

namespace sealpost::app {

struct HandedOverContent {
  domain::Delivery delivery;
  domain::Item item;  // attachments carry name, type, size and digest
  std::string sender_name;
};

struct AttachmentContent {
  domain::Attachment attachment;
  std::string data;
};

class HandOverContent {
 public:
  // `public_base_url` starts the link in the e-mail that tells the sender of the hand-over.
  HandOverContent(Database& database, EvidenceLog& log, BlobStore& blobs, ContentCipher& cipher,
                  const common::Clock& clock, common::Random& random,
                  std::string public_base_url = "");

  common::Result<HandedOverContent> Execute(const Caller& caller, const std::string& delivery_id);
  // Hands over first when that has not happened yet.
  common::Result<AttachmentContent> Attachment(const Caller& caller, const std::string& delivery_id,
                                               const std::string& attachment_id);

 private:
  Database& database_;
  EvidenceLog& log_;
  BlobStore& blobs_;
  ContentCipher& cipher_;
  const common::Clock& clock_;
  common::Random& random_;
  std::string public_base_url_;
};

}  // namespace sealpost::app
