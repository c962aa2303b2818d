// Persistence of company subscription requests (PRODUCT.md §3): the request with its legal
// representatives, the language the requester uses (for the approval form and the e-mails), the
// full signature report as JSON beside the domain's summary, and the uploaded documents with the
// reference to their encrypted bytes in the blob store. One request per company. Used only inside
// a UnitOfWork (not thread-safe on its own).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/subscription_request.hpp"

namespace sealpost::app {

struct SubscriptionRecord {
  // Its `documents` are filled by the Find methods and ignored by Insert/Update.
  domain::SubscriptionRequest request;
  std::string language;               // "nl", "fr", "en" or "de"
  std::string signature_report_json;  // "" until the signed form is checked
};

// Where a document's bytes are: AES-256-GCM under the document's own key, wrapped by the master
// key.
struct SubscriptionDocumentBlob {
  std::string blob_address;
  std::string wrapped_key;
};

class SubscriptionRepository {
 public:
  virtual ~SubscriptionRepository() = default;
  // kConflict when the id exists or the company has a request already.
  virtual common::Result<void> Insert(const SubscriptionRecord& record) = 0;
  // Replaces the request's fields and representatives, unless someone changed it since it was
  // read: kConflict when the stored updated_at is not `read_updated_at`; kNotFound when absent.
  virtual common::Result<void> Update(const SubscriptionRecord& record,
                                      common::TimePoint read_updated_at) = 0;
  virtual common::Result<std::optional<SubscriptionRecord>> FindById(const std::string& id) = 0;
  virtual common::Result<std::optional<SubscriptionRecord>> FindByCompany(
      const std::string& company_account_id) = 0;
  // Requests in one of `states`, oldest submission (then creation) first.
  virtual common::Result<std::vector<SubscriptionRecord>> ListByStates(
      std::span<const domain::SubscriptionState> states) = 0;

  virtual common::Result<void> AddDocument(const std::string& request_id,
                                           const domain::SubscriptionDocument& document,
                                           const SubscriptionDocumentBlob& blob) = 0;
  // kNotFound when the request has no such document.
  virtual common::Result<void> RemoveDocument(const std::string& request_id,
                                              const std::string& document_id) = 0;
  virtual common::Result<std::optional<SubscriptionDocumentBlob>> FindDocumentBlob(
      const std::string& request_id, const std::string& document_id) = 0;
};

}  // namespace sealpost::app
