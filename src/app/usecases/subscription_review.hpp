// SubscriptionReview: the operator's side of the company subscription (PRODUCT.md §3 step 6,
// §8 "subscription review queue"): the queue of submitted and awaiting-paper requests, one
// request with its documents (decrypted for viewing), signature report, KBO data and the accounts
// involved; recording the receipt of the posted paper with a scan; approving (the company may send
// from now on) or refusing with a reason — the requester is e-mailed either way. Only callers with
// the operator role; to anyone else the back office does not exist (kNotFound). Every step is in
// the audit log ("subscription.*"). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/blob_store.hpp"
#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "app/usecases/subscription_support.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct SubscriptionReviewView {
  SubscriptionRecord record;
  std::optional<domain::Account> company;
  std::optional<domain::Account> requester;
  std::optional<KboRecord> kbo;  // when the enterprise is in the imported open data
};

class SubscriptionReview {
 public:
  SubscriptionReview(Database& database, BlobStore& blobs, ContentCipher& cipher,
                     const common::Clock& clock, common::Random& random,
                     SubscriptionSettings settings);

  // Submitted and awaiting-paper requests, oldest first.
  common::Result<std::vector<SubscriptionRecord>> Queue(const Caller& caller);
  // kNotFound for an unknown request (or a caller who is not an operator).
  common::Result<SubscriptionReviewView> Find(const Caller& caller, const std::string& id);
  // Decrypted; the viewing is audited.
  common::Result<SubscriptionDocumentContent> Document(const Caller& caller, const std::string& id,
                                                       const std::string& document_id);
  // Stores the scan (PDF, JPEG or PNG) and moves the request from awaiting paper to submitted.
  common::Result<void> RecordPaperReceipt(const Caller& caller, const std::string& id,
                                          const SubscriptionUpload& scan);
  // Allows the company to send; e-mails the requester. kFailedPrecondition unless submitted.
  common::Result<void> Approve(const Caller& caller, const std::string& id);
  // kInvalidArgument for a blank reason; kFailedPrecondition unless submitted.
  common::Result<void> Refuse(const Caller& caller, const std::string& id,
                              const std::string& reason);

 private:
  common::Result<void> Decide(const Caller& caller, const std::string& id, bool approve,
                              const std::string& reason);

  Database& database_;
  BlobStore& blobs_;
  ContentCipher& cipher_;
  const common::Clock& clock_;
  common::Random& random_;
  const SubscriptionSettings settings_;
};

}  // namespace sealpost::app
