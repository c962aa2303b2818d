#include "adapters/pdf/pdf_signature_inspector.hpp"

#include <algorithm>
#include <utility>

#include "adapters/crypto/pem.hpp"
#include "adapters/pdf/cms_signature_check.hpp"
#include "adapters/pdf/pdf_byte_range.hpp"
#include "adapters/pdf/pdf_date.hpp"
#include "adapters/pdf/pdf_signature_finder.hpp"

namespace sealpost::adapters::pdf {
namespace {

using app::PdfSignatureKind;
using app::PdfSignatureReport;
using app::PdfSignatureVerdict;
using app::PdfSigningTimeSource;

PdfSignatureKind KindOf(const std::string& sub_filter) {
  if (sub_filter == "ETSI.CAdES.detached" || sub_filter == "adbe.pkcs7.detached") {
    return PdfSignatureKind::kSignature;
  }
  if (sub_filter == "ETSI.RFC3161") return PdfSignatureKind::kDocumentTimeStamp;
  return PdfSignatureKind::kUnsupported;
}

// /Contents as PoDoFo parsed it must be the gap's bytes: the gap is this field's value, not some
// other hex string the /ByteRange points at. Writers pad with zeros, parsers may keep or drop them.
bool SameContents(const common::Bytes& parsed, const common::Bytes& gap) {
  auto trimmed = [](const common::Bytes& bytes) {
    std::size_t end = bytes.size();
    while (end > 0 && bytes[end - 1] == 0) --end;
    return std::span<const std::uint8_t>(bytes.data(), end);
  };
  const auto a = trimmed(parsed);
  const auto b = trimmed(gap);
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

PdfSignatureVerdict Judge(const PdfSignatureReport& report) {
  if (report.kind == PdfSignatureKind::kUnsupported || !report.byte_range_ok || !report.digest_ok ||
      (report.has_time_stamp && !report.time_stamp_intact)) {
    return PdfSignatureVerdict::kInvalid;
  }
  if (!report.chain_trusted || (report.has_time_stamp && !report.time_stamp_ok)) {
    return PdfSignatureVerdict::kUntrusted;
  }
  if (!report.covers_whole_file) return PdfSignatureVerdict::kValidWithLaterChanges;
  return PdfSignatureVerdict::kValid;
}

PdfSignatureReport InspectField(std::string_view pdf, const SignatureField& field,
                                const std::vector<X509*>& anchors, common::TimePoint now) {
  PdfSignatureReport report;
  report.field_name = field.name;
  report.sub_filter = field.sub_filter;
  report.kind = KindOf(field.sub_filter);

  std::optional<ByteRange> range;
  common::Bytes cms;
  if (field.byte_range.size() != 4) {
    report.problems.push_back("the signature has no /ByteRange of four numbers");
  } else if (auto made = MakeByteRange(field.byte_range[0], field.byte_range[1],
                                       field.byte_range[2], field.byte_range[3], pdf.size());
             !made) {
    report.problems.push_back(made.error().message);
  } else if (auto gap = ContentsInGap(pdf, *made); !gap) {
    report.problems.push_back(gap.error().message);
  } else if (!SameContents(field.contents, *gap)) {
    report.problems.push_back("the /ByteRange gap is not this signature's /Contents");
  } else {
    range = *made;
    cms = std::move(*gap);
    report.byte_range_ok = true;
    report.signed_revision_size = range->end();
    report.covers_whole_file = range->end() == pdf.size();
    report.bytes_after_signed_revision = pdf.size() - range->end();
    if (!report.covers_whole_file) {
      report.problems.push_back(std::to_string(report.bytes_after_signed_revision) +
                                " bytes were added after the signed revision");
    }
  }

  if (report.kind == PdfSignatureKind::kUnsupported) {
    report.problems.push_back("unsupported /SubFilter: " + (field.sub_filter.empty()
                                                                ? std::string("(none)")
                                                                : field.sub_filter));
  } else if (range) {
    const std::string covered = CoveredBytes(pdf, *range);
    CmsSignatureCheck check = report.kind == PdfSignatureKind::kSignature
                                  ? CheckCmsSignature(cms, covered, anchors, now)
                                  : CheckDocumentTimeStamp(cms, covered, anchors);
    report.digest_ok = check.digest_ok;
    report.chain_trusted = check.chain_trusted;
    report.chain_error = std::move(check.chain_error);
    report.chain_checked_at = check.chain_checked_at;
    report.has_time_stamp = check.has_time_stamp;
    report.time_stamp_intact = check.time_stamp_intact;
    report.time_stamp_ok = check.time_stamp_ok;
    report.signer = std::move(check.signer);
    for (auto& problem : check.problems) report.problems.push_back(std::move(problem));
    // The most trustworthy time first: attested by a TSA, then claimed by the signer.
    if (check.time_stamp_ok && check.time_stamp_time) {
      report.signing_time = check.time_stamp_time;
      report.signing_time_source = PdfSigningTimeSource::kTimeStamp;
    } else if (check.signing_time_attribute) {
      report.signing_time = check.signing_time_attribute;
      report.signing_time_source = PdfSigningTimeSource::kSignedAttribute;
    }
  }
  if (!report.signing_time && field.signing_date) {
    if (auto claimed = ParsePdfDate(*field.signing_date)) {
      report.signing_time = claimed;
      report.signing_time_source = PdfSigningTimeSource::kSignatureDictionary;
    }
  }
  report.verdict = Judge(report);
  return report;
}

}  // namespace

common::Result<std::vector<PdfSignatureReport>> OpenSslPdfSignatureInspector::Inspect(
    std::string_view pdf, const std::vector<common::Bytes>& trust_anchors_der) {
  std::vector<crypto::X509Ptr> owned;
  std::vector<X509*> anchors;
  for (const auto& der : trust_anchors_der) {
    auto certificate = crypto::CertificateFromDer(der);
    if (!certificate) return common::Fail(certificate.error());
    anchors.push_back(certificate->get());
    owned.push_back(std::move(*certificate));
  }
  return Inspect(pdf, anchors);
}

common::Result<std::vector<PdfSignatureReport>> OpenSslPdfSignatureInspector::Inspect(
    std::string_view pdf, const std::vector<X509*>& trust_anchors) {
  auto fields = FindSignatureFields(pdf);
  if (!fields) return common::Fail(fields.error());
  const common::TimePoint now = clock_.Now();
  std::vector<PdfSignatureReport> reports;
  for (const auto& field : *fields) reports.push_back(InspectField(pdf, field, trust_anchors, now));
  // File order: the first signed revision first (a later signature covers more bytes).
  std::stable_sort(reports.begin(), reports.end(),
                   [](const PdfSignatureReport& a, const PdfSignatureReport& b) {
                     return a.signed_revision_size < b.signed_revision_size;
                   });
  return reports;
}

}  // namespace sealpost::adapters::pdf
