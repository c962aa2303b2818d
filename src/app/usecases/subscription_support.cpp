#include "app/usecases/subscription_support.hpp"

#include <nlohmann/json.hpp>

#include "common/sha256.hpp"
#include "domain/subscription_request_document.hpp"
#include "domain/subscription_request_signer.hpp"

namespace sealpost::app {

namespace {

std::string DocumentAad(const std::string& request_id, const std::string& document_id) {
  return "subscription/" + request_id + "/" + document_id;
}

const char* TimeSourceName(PdfSigningTimeSource source) {
  switch (source) {
    case PdfSigningTimeSource::kNone:
      return "none";
    case PdfSigningTimeSource::kTimeStamp:
      return "time_stamp";
    case PdfSigningTimeSource::kSignedAttribute:
      return "signed_attribute";
    case PdfSigningTimeSource::kSignatureDictionary:
      return "signature_dictionary";
  }
  return "none";
}

domain::SignatureVerdict VerdictOf(const PdfSignatureReport& report) {
  switch (report.verdict) {
    case PdfSignatureVerdict::kValid:
      return domain::SignatureVerdict::kValid;
    case PdfSignatureVerdict::kValidWithLaterChanges:
      return domain::SignatureVerdict::kModifiedAfterSigning;
    case PdfSignatureVerdict::kUntrusted:
      return domain::SignatureVerdict::kUntrustedChain;
    case PdfSignatureVerdict::kInvalid:
      break;
  }
  // A well-framed signature whose digest no longer matches: the covered bytes were changed.
  if (report.kind == PdfSignatureKind::kSignature && report.byte_range_ok && !report.digest_ok) {
    return domain::SignatureVerdict::kModifiedAfterSigning;
  }
  return domain::SignatureVerdict::kMalformed;
}

nlohmann::json ReportJson(const PdfSignatureReport& r) {
  nlohmann::json j = {{"field", r.field_name},
                      {"sub_filter", r.sub_filter},
                      {"verdict", PdfSignatureVerdictName(r.verdict)},
                      {"byte_range_ok", r.byte_range_ok},
                      {"covers_whole_file", r.covers_whole_file},
                      {"bytes_after_signed_revision", r.bytes_after_signed_revision},
                      {"digest_ok", r.digest_ok},
                      {"chain_trusted", r.chain_trusted},
                      {"chain_error", r.chain_error},
                      {"has_time_stamp", r.has_time_stamp},
                      {"time_stamp_ok", r.time_stamp_ok},
                      {"signing_time_source", TimeSourceName(r.signing_time_source)},
                      {"signer",
                       {{"common_name", r.signer.common_name},
                        {"given_name", r.signer.given_name},
                        {"surname", r.signer.surname},
                        {"serial_number", r.signer.serial_number},
                        {"subject", r.signer.subject},
                        {"issuer", r.signer.issuer}}},
                      {"problems", r.problems}};
  j["signing_time"] = r.signing_time ? nlohmann::json(common::FormatRfc3339(*r.signing_time))
                                     : nlohmann::json(nullptr);
  return j;
}

}  // namespace

common::Result<std::pair<domain::SubscriptionDocument, SubscriptionDocumentBlob>>
StoreSubscriptionDocument(ContentCipher& cipher, BlobStore& blobs, common::Random& random,
                          const std::string& request_id, const SubscriptionUpload& upload,
                          std::uint64_t max_bytes, common::TimePoint now) {
  const common::Bytes bytes = common::ToBytes(upload.content);
  auto type =
      domain::CheckSubscriptionDocument(upload.kind, bytes, upload.claimed_content_type, max_bytes);
  if (!type) return common::Fail(type.error());
  domain::SubscriptionDocument document;
  document.id = common::NewUuid(random);
  document.kind = upload.kind;
  document.file_name = upload.file_name.empty() ? "document" : upload.file_name;
  document.content_type = *type;
  document.sha256 = common::HexEncode(common::Sha256(upload.content));
  document.size_bytes = upload.content.size();
  document.uploaded_at = now;
  ItemKey key = cipher.NewItemKey();
  auto sealed = cipher.Encrypt(key.plain, bytes, DocumentAad(request_id, document.id));
  if (!sealed) return common::Fail(sealed.error());
  auto address = blobs.Put(*sealed);
  if (!address) return common::Fail(address.error());
  return std::pair{std::move(document), SubscriptionDocumentBlob{*address, key.wrapped}};
}

common::Result<std::string> LoadSubscriptionDocument(ContentCipher& cipher, BlobStore& blobs,
                                                     const std::string& request_id,
                                                     const std::string& document_id,
                                                     const SubscriptionDocumentBlob& blob) {
  auto key = cipher.UnwrapItemKey(blob.wrapped_key);
  if (!key) return common::Fail(key.error());
  auto sealed = blobs.Get(blob.blob_address);
  if (!sealed) return common::Fail(sealed.error());
  auto plain = cipher.Decrypt(*key, *sealed, DocumentAad(request_id, document_id));
  if (!plain) return common::Fail(plain.error());
  return common::ToString(*plain);
}

SignedFormCheck CheckSignedForm(PdfSignatureInspector& inspector, std::string_view pdf,
                                const std::vector<common::Bytes>& trust_anchors_der,
                                const std::vector<domain::LegalRepresentative>& representatives,
                                const std::string& document_id, common::TimePoint checked_at) {
  SignedFormCheck check;
  nlohmann::json report = {{"document_id", document_id},
                           {"checked_at", common::FormatRfc3339(checked_at)},
                           {"trust_anchors", trust_anchors_der.size()},
                           {"signatures", nlohmann::json::array()}};
  auto inspected = inspector.Inspect(pdf, trust_anchors_der);
  const PdfSignatureReport* chosen = nullptr;
  if (!inspected) {
    check.summary.verdict = domain::SignatureVerdict::kMalformed;
    report["error"] = inspected.error().message;
  } else {
    for (const PdfSignatureReport& r : *inspected) {
      report["signatures"].push_back(ReportJson(r));
      if (r.kind != PdfSignatureKind::kSignature) continue;
      // The first valid signature decides; otherwise the first one, whatever it says.
      if (chosen == nullptr || (chosen->verdict != PdfSignatureVerdict::kValid &&
                                r.verdict == PdfSignatureVerdict::kValid)) {
        chosen = &r;
      }
    }
    check.summary.verdict = chosen ? VerdictOf(*chosen) : domain::SignatureVerdict::kUnsigned;
  }
  nlohmann::json match = {{"matched", false}};
  if (chosen != nullptr) {
    check.summary.signer_name = domain::SignerDisplayName(chosen->signer.common_name);
    auto national = domain::BelgianNationalNumberFromSerial(chosen->signer.serial_number);
    if (national && *national) check.summary.signer_national_number = **national;
    check.summary.signed_at = chosen->signing_time;
    auto matched = domain::MatchSigner({chosen->signer.common_name, chosen->signer.serial_number},
                                       representatives);
    if (matched) {
      check.summary.matched_representative = matched->representative_index;
      match = {
          {"matched", true},
          {"representative_index", matched->representative_index},
          {"basis", matched->basis == domain::SignerMatchBasis::kNationalNumber ? "national_number"
                                                                                : "name"}};
    } else {
      match["mismatch"] = std::string(domain::SignerMismatchName(matched.error()));
    }
  }
  report["verdict"] = std::string(domain::SignatureVerdictName(check.summary.verdict));
  report["signer_name"] = check.summary.signer_name;
  report["signer_national_number"] = check.summary.signer_national_number;
  report["match"] = match;
  check.report_json = report.dump();
  return check;
}

}  // namespace sealpost::app
