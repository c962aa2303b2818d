// CertificateRenderer: turns the facts of one delivery into its human-readable evidence
// certificate (PRODUCT §4.3): a sealed PDF in the reader's language, carrying the delivery's
// sealed evidence files, so that it can be checked on its own. The content is language-neutral
// (times as instants, events as enums); wording, Brussels time and number formats are the
// implementation's business.
// Implementations are thread-safe: Render may be called from several workers at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/ports/evidence_reader.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/evidence.hpp"
#include "domain/evidence_event.hpp"

namespace sealpost::app {

struct CertificateEvent {
  domain::EvidenceEvent event = domain::EvidenceEvent::kSubmissionAcceptance;
  std::string evidence_id;
  common::TimePoint event_time;
  common::TimePoint time_stamped_at;  // genTime of the evidence's time-stamp
  std::string reason_code;            // negative events only
  std::string reason_details;
};

// A sealed evidence carried inside the certificate, byte for byte as stored.
struct CertificateEvidenceFile {
  std::string file_name;  // e.g. "01-SubmissionAcceptance-<id>.xml"
  std::string sealed_xml;
};

struct CertificateContent {
  std::string provider_name;  // the issuer named in the evidence
  std::string item_id;
  std::string delivery_id;
  std::string subject;
  common::TimePoint submitted_at;
  StatedParty sender;
  StatedParty recipient;
  std::vector<CertificateEvent> events;  // in log order
  std::vector<domain::EvidencePart> attachments;
  std::vector<CertificateEvidenceFile> evidence_files;
  common::TimePoint issued_at;  // when this certificate is made
};

// The languages a certificate is written in, by code.
inline constexpr std::string_view kCertificateLanguages[] = {"nl", "fr", "en", "de"};

class CertificateRenderer {
 public:
  virtual ~CertificateRenderer() = default;
  // The sealed PDF. `language`: "nl", "fr", "en" or "de" (kInvalidArgument otherwise);
  // kUnavailable when the time-stamp authority cannot be reached for the seal.
  [[nodiscard]] virtual common::Result<std::string> Render(const CertificateContent& content,
                                                           std::string_view language) = 0;
};

}  // namespace sealpost::app
