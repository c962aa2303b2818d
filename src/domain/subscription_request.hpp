// A company's subscription request (PRODUCT.md §3): a company may send only after a person with
// signing authority approved the provider's terms. The request holds what the requester declared
// (company, legal representatives, contact), the documents they uploaded (metadata only; the bytes
// live in the blob store), the summary of sealpost's own check of the signed form, and where the
// request stands. Plain value types; the state machine is in subscription_request_state.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::domain {

enum class SubscriptionPath {
  kElectronic,  // the form is signed with a qualified electronic signature and uploaded
  kPaper,       // the form is signed by hand and posted; an operator records its receipt
};
std::string_view SubscriptionPathName(SubscriptionPath path);  // "electronic" | "paper"
std::optional<SubscriptionPath> SubscriptionPathFromName(std::string_view name);

enum class SubscriptionState {
  kDraft,          // being filled in (or corrected after a refusal)
  kAwaitingPaper,  // paper path chosen; waiting for the posted form
  kSubmitted,      // complete; waiting for an operator's review
  kApproved,       // final: the company may send
  kRefused,        // an operator refused it (with a reason); may be corrected and resubmitted
};
std::string_view SubscriptionStateName(SubscriptionState state);  // "draft", "awaiting_paper", ...
std::optional<SubscriptionState> SubscriptionStateFromName(std::string_view name);

enum class SubscriptionDocumentKind {
  kSignedForm,       // the approval form, signed (electronically, or scanned after posting)
  kKboExtract,       // extract from the Crossroads Bank for Enterprises
  kGazette,          // publication in the Belgian Official Gazette (Staatsblad / Moniteur)
  kPowerOfAttorney,  // when the signer is not a statutory representative
  kPaperScan,        // the operator's scan of the posted paper file
};
// "signed_form" | "kbo_extract" | "gazette" | "power_of_attorney" | "paper_scan"
std::string_view SubscriptionDocumentKindName(SubscriptionDocumentKind kind);
std::optional<SubscriptionDocumentKind> SubscriptionDocumentKindFromName(std::string_view name);

// A person who signs for the company: from the statutes / KBO, or holding a power of attorney.
struct LegalRepresentative {
  std::string name;                            // as the requester typed it (trimmed)
  std::optional<std::string> national_number;  // 11 digits, validated, when given

  // Trims the name (must not be empty) and validates the national number when `national_number`
  // is not blank; kInvalidArgument otherwise.
  static common::Result<LegalRepresentative> Make(std::string_view name,
                                                  std::string_view national_number);
};

struct SubscriptionDocument {
  std::string id;  // UUID, also the blob key
  SubscriptionDocumentKind kind = SubscriptionDocumentKind::kSignedForm;
  std::string file_name;     // as uploaded, for display only
  std::string content_type;  // sniffed from the content, never taken from the upload
  std::string sha256;        // hex digest of the content
  std::uint64_t size_bytes = 0;
  common::TimePoint uploaded_at;
};

// sealpost's own verdict on the signed approval form (the full report is stored beside it).
enum class SignatureVerdict {
  kNotChecked,            // paper path, or nothing uploaded yet
  kValid,                 // intact, covers the whole file, chains to a trust anchor
  kUnsigned,              // no signature in the PDF
  kModifiedAfterSigning,  // bytes after the signed range, or the digest does not match
  kUntrustedChain,        // the signer certificate chains to no configured trust anchor
  kMalformed,             // the signature could not be parsed
};
std::string_view SignatureVerdictName(SignatureVerdict verdict);
std::optional<SignatureVerdict> SignatureVerdictFromName(std::string_view name);

struct SignatureReportSummary {
  SignatureVerdict verdict = SignatureVerdict::kNotChecked;
  std::string signer_name;             // from the certificate's subject
  std::string signer_national_number;  // 11 digits from serialNumber, when present
  std::optional<common::TimePoint> signed_at;
  // Index into SubscriptionRequest::representatives of the one the signer matched, if any.
  std::optional<std::size_t> matched_representative;
};

struct SubscriptionRequest {
  std::string id;  // UUID; also the reference printed on the form
  std::string company_account_id;
  std::string enterprise_number;  // 10 digits
  std::string company_name;
  std::string company_address;  // one line per element, as printed on the form
  std::string requester_account_id;
  std::vector<LegalRepresentative> representatives;
  std::string contact_email;
  std::string contact_phone;
  SubscriptionPath path = SubscriptionPath::kElectronic;
  std::vector<SubscriptionDocument> documents;
  SignatureReportSummary signature;
  SubscriptionState state = SubscriptionState::kDraft;
  std::string refusal_reason;  // set when refused, kept until the next refusal for reference
  std::string reviewed_by;     // operator account id of the last decision
  common::TimePoint created_at;
  common::TimePoint updated_at;
  std::optional<common::TimePoint> submitted_at;
  std::optional<common::TimePoint> decided_at;

  bool HasDocument(SubscriptionDocumentKind kind) const;
};

}  // namespace sealpost::domain
