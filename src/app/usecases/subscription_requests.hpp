// SubscriptionRequests: the requester's side of the company subscription (PRODUCT.md §3, steps
// 1-5). A member of a company account, signed in on the web with eID or itsme (never through an
// API key), fills in the company data (prefilled from the imported KBO open data when the number
// is there) and the legal representatives, downloads the approval form in their language, uploads
// the signed form and the supporting documents (kept encrypted at rest), then an admin of the
// company submits electronically — sealpost checks the signature and stores its report; a bad or
// mismatching signature does not block the submission, it is flagged for the operator — or
// chooses the paper path. A refused request becomes a draft again at its next change. Every step
// is in the audit log ("subscription.*"). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/approval_form_renderer.hpp"
#include "app/ports/blob_store.hpp"
#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "app/ports/pdf_signature_inspector.hpp"
#include "app/usecases/subscription_support.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

// What the requester types (as typed; trimmed and checked by CheckSubscriptionDraft).
struct SubscriptionDraft {
  struct Representative {
    std::string name;
    std::string national_number;  // may be blank
  };
  std::string company_name;
  std::string company_address;  // one line per element
  std::vector<Representative> representatives;
  std::string contact_email;
  std::string contact_phone;  // may be blank
};

// A problem with one field: `field` is "company_name", "company_address", "contact_email",
// "contact_phone", "representatives" (none given) or "representative_<i>_name" /
// "representative_<i>_national_number"; `code` a stable word ("missing", "too_long", "invalid").
struct SubscriptionFieldError {
  std::string field;
  std::string code;
};

inline constexpr std::size_t kMaxSubscriptionRepresentatives = 5;

// Blank representative rows are ignored. Pure.
std::vector<SubscriptionFieldError> CheckSubscriptionDraft(const SubscriptionDraft& draft);

// The form before there is a request: from the KBO registry when it knows the company, otherwise
// from the company account; the contact is the signed-in person.
struct SubscriptionPrefill {
  SubscriptionDraft draft;
  std::string enterprise_number;  // 10 digits, the company account's
  bool from_kbo = false;
};

class SubscriptionRequests {
 public:
  SubscriptionRequests(Database& database, BlobStore& blobs, ContentCipher& cipher,
                       ApprovalFormRenderer& forms, PdfSignatureInspector& inspector,
                       const common::Clock& clock, common::Random& random,
                       SubscriptionSettings settings);

  // All methods: kPermissionDenied unless a person signed in with eID/itsme (LoA substantial or
  // high) acting for a company account; Submit and ChoosePaperPath also need the admin role.

  // The company's request, if it has one.
  common::Result<std::optional<SubscriptionRecord>> Current(const Caller& caller);
  common::Result<SubscriptionPrefill> Prefill(const Caller& caller);
  // Starts the request or changes its draft (a refused one is reopened). kInvalidArgument when
  // CheckSubscriptionDraft finds a problem; kFailedPrecondition while under review or approved.
  common::Result<SubscriptionRecord> Save(const Caller& caller, const SubscriptionDraft& draft,
                                          std::string_view language);
  // The approval form PDF of the request, in `language`. kNotFound without a request.
  common::Result<std::string> ApprovalForm(const Caller& caller, std::string_view language);
  // Adds a document to the draft (a new signed form replaces the previous one).
  // kInvalidArgument for a refused upload; kFailedPrecondition when not editable.
  common::Result<domain::SubscriptionDocument> Upload(const Caller& caller,
                                                      const SubscriptionUpload& upload);
  common::Result<void> RemoveDocument(const Caller& caller, const std::string& document_id);
  common::Result<SubscriptionDocumentContent> Document(const Caller& caller,
                                                       const std::string& document_id);
  // kFailedPrecondition when the request lacks what the step needs (domain rules).
  common::Result<SubscriptionRecord> Submit(const Caller& caller);
  common::Result<SubscriptionRecord> ChoosePaperPath(const Caller& caller);

 private:
  Database& database_;
  BlobStore& blobs_;
  ContentCipher& cipher_;
  ApprovalFormRenderer& forms_;
  PdfSignatureInspector& inspector_;
  const common::Clock& clock_;
  common::Random& random_;
  const SubscriptionSettings settings_;
};

}  // namespace sealpost::app
