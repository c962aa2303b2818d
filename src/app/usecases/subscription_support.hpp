// What the requester's and the operator's side of the company subscription (PRODUCT.md §3) share:
// the settings, documents kept encrypted at rest like item attachments (each with its own AES-256
// key, wrapped by the master key, bound to the request and document ids), and sealpost's own
// check of the signed approval form, which yields the domain's summary and the full report (JSON)
// an operator reads. Stateless functions; thread-safe when the ports are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/ports/blob_store.hpp"
#include "app/ports/content_cipher.hpp"
#include "app/ports/pdf_signature_inspector.hpp"
#include "app/ports/subscription_repository.hpp"
#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/subscription_request.hpp"

namespace sealpost::app {

struct SubscriptionSettings {
  std::uint64_t max_document_bytes = 10 * 1024 * 1024;
  // DER certificates a signed approval form must chain to ([subscription] trust_anchors).
  std::vector<common::Bytes> trust_anchors_der;
  std::string provider_name = "sealpost";
  std::string public_base_url;  // for the links in e-mails
};

// An upload as it arrived: the name and type are the browser's claims, only shown or compared.
struct SubscriptionUpload {
  domain::SubscriptionDocumentKind kind = domain::SubscriptionDocumentKind::kKboExtract;
  std::string file_name;
  std::string claimed_content_type;  // may be empty
  std::string content;
};

// A document's metadata and its decrypted bytes, for a download.
struct SubscriptionDocumentContent {
  domain::SubscriptionDocument document;
  std::string content;
};

// Checks `upload` (domain::CheckSubscriptionDocument), encrypts it and stores it durably in the
// blob store; returns the document (new id, sniffed type, digest) and where its bytes are.
// kInvalidArgument for an upload that is refused.
common::Result<std::pair<domain::SubscriptionDocument, SubscriptionDocumentBlob>>
StoreSubscriptionDocument(ContentCipher& cipher, BlobStore& blobs, common::Random& random,
                          const std::string& request_id, const SubscriptionUpload& upload,
                          std::uint64_t max_bytes, common::TimePoint now);

// The decrypted bytes of a stored document. kInternal when they were altered.
common::Result<std::string> LoadSubscriptionDocument(ContentCipher& cipher, BlobStore& blobs,
                                                     const std::string& request_id,
                                                     const std::string& document_id,
                                                     const SubscriptionDocumentBlob& blob);

struct SignedFormCheck {
  domain::SignatureReportSummary summary;
  std::string report_json;  // {"verdict", "signatures": [...], "signer", "match", ...}
};

// Inspects `pdf` (the uploaded signed form) against `trust_anchors_der` and compares its signer
// with `representatives`. Never fails: a PDF that cannot be read is reported as malformed.
SignedFormCheck CheckSignedForm(PdfSignatureInspector& inspector, std::string_view pdf,
                                const std::vector<common::Bytes>& trust_anchors_der,
                                const std::vector<domain::LegalRepresentative>& representatives,
                                const std::string& document_id, common::TimePoint checked_at);

}  // namespace sealpost::app
