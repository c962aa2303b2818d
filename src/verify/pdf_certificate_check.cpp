#include "verify/pdf_certificate_check.hpp"

#include "adapters/crypto/pem.hpp"
#include "adapters/pdf/pdf_signature_inspector.hpp"
#include "common/clock.hpp"

namespace sealpost::verify {

bool LooksLikePdf(const std::string& bytes) { return bytes.starts_with("%PDF-"); }

PdfSealCheck CheckPdfSeal(const std::string& pdf,
                          const std::vector<std::string>& trust_anchor_pems) {
  std::vector<adapters::crypto::X509Ptr> owned;
  for (const auto& pem : trust_anchor_pems) {
    auto certificates = adapters::crypto::CertificatesFromPem(pem);
    if (!certificates) return {false, "unusable trust anchor: " + certificates.error().message};
    for (auto& c : *certificates) owned.push_back(std::move(c));
  }
  std::vector<X509*> anchors;
  for (const auto& c : owned) anchors.push_back(c.get());

  // "Now" only matters when the seal carries no verified time-stamp.
  const common::SystemClock clock;
  adapters::pdf::OpenSslPdfSignatureInspector inspector(clock);
  auto reports = inspector.Inspect(pdf, anchors);
  if (!reports) return {false, reports.error().message};
  if (reports->empty()) return {false, "the PDF carries no seal"};
  if (reports->size() != 1) {
    return {false, "the PDF carries " + std::to_string(reports->size()) +
                       " signatures; a sealpost certificate carries exactly one seal"};
  }
  const app::PdfSignatureReport& r = reports->front();
  std::string who = r.signer.common_name.empty() ? r.signer.subject : r.signer.common_name;
  if (r.verdict != app::PdfSignatureVerdict::kValid) {
    std::string why;
    for (const auto& p : r.problems) why += (why.empty() ? "" : "; ") + p;
    if (r.verdict == app::PdfSignatureVerdict::kValidWithLaterChanges && why.empty()) {
      why = std::to_string(r.bytes_after_signed_revision) +
            " bytes were added after the seal and are not covered by it";
    }
    return {false, std::string("seal ") + app::PdfSignatureVerdictName(r.verdict) +
                       (why.empty() ? "" : ": " + why)};
  }
  std::string detail = "sealed by " + who + ", covering the whole file";
  if (r.signing_time && r.signing_time_source == app::PdfSigningTimeSource::kTimeStamp) {
    detail += ", time-stamped at " + common::FormatRfc3339(*r.signing_time);
  } else {
    detail += " (no verified time-stamp)";
  }
  return {true, detail};
}

}  // namespace sealpost::verify
