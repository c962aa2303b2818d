// SubmitItem: a sender submits a registered item for one or more recipients (PRODUCT.md §4.1).
// A malformed request is refused with kInvalidArgument and leaves no trace. A well-formed request
// that cannot be accepted (invalid identifier, unsupported or oversize content, sender not allowed)
// is refused with a sealed SubmissionRejection evidence. An accepted one stores the encrypted
// attachments durably, then commits the item, its deliveries and their evidence in one transaction,
// together with the debit of each delivery's price (VAT included) from the sender's prepaid
// balance, or its charge to a postpaid sender's receivable. A submission the balance (or credit
// limit) does not cover is refused with kFailedPrecondition, reason "insufficient_balance" (or
// "credit_limit_exceeded"), and creates nothing: no item, no evidence, no debit.
// Thread-safe (stateless apart from its injected dependencies).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "app/caller.hpp"
#include "app/evidence_log.hpp"
#include "app/ledger.hpp"
#include "app/ports/blob_store.hpp"
#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "app/usecases/submission_settings.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/delivery.hpp"
#include "domain/item.hpp"

namespace sealpost::app {

struct NewAttachment {
  std::string file_name;
  std::string content_type;
  std::string data;
};

struct SubmitItemRequest {
  std::string language;  // the sender's ("nl", "fr", "en", "de"; other or empty: "nl")
  std::string subject;
  std::string message;
  std::vector<domain::Recipient> recipients;
  std::vector<NewAttachment> attachments;
};

struct SubmittedItem {
  domain::Item item;
  std::vector<domain::Delivery> deliveries;
};

struct SubmissionRejected {
  common::Error error;  // why; error.reason is the EN 319 522 reason code
  std::string item_id;
  std::string evidence_id;
};

using SubmitOutcome = std::variant<SubmittedItem, SubmissionRejected>;

class SubmitItem {
 public:
  SubmitItem(Database& database, EvidenceLog& log, BlobStore& blobs, ContentCipher& cipher,
             const common::Clock& clock, common::Random& random, SubmissionSettings settings);

  common::Result<SubmitOutcome> Execute(const Caller& caller, SubmitItemRequest request);

 private:
  common::Result<void> CheckWellFormed(const SubmitItemRequest& request) const;
  // The first reason a well-formed request cannot be accepted, or nothing.
  std::optional<common::Error> RefusalReason(const Caller& caller,
                                             SubmitItemRequest& request) const;
  // Refuses early, before any sealing, what the balance or credit limit clearly cannot pay; the
  // binding check is PostLedgerEntry's, under the balance lock, in the committing transaction.
  common::Result<void> CheckAffordable(const BillingTerms& terms, const std::string& account_id,
                                       std::size_t deliveries) const;
  common::Result<SubmitOutcome> Reject(const Caller& caller, const SubmitItemRequest& request,
                                       common::Error why);

  Database& database_;
  EvidenceLog& log_;
  BlobStore& blobs_;
  ContentCipher& cipher_;
  const common::Clock& clock_;
  common::Random& random_;
  SubmissionSettings settings_;
};

}  // namespace sealpost::app
