// BuildEvidenceCertificate: the PDF certificate of one delivery (PRODUCT §4.3, issue 5 point 4),
// in the reader's language — item, parties and identities, every event with its time-stamped
// time, attachments and digests — stated from the delivery's sealed evidence (each one verified
// while it is read) and carrying those evidence files. Who may have it is exactly who may see the
// delivery's evidence (ItemQueries::ListEvidence): the sender with "read", the recipient account
// with "inbox"; anyone else gets kNotFound, like a missing delivery. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/caller.hpp"
#include "app/ports/certificate_renderer.hpp"
#include "app/ports/database.hpp"
#include "app/ports/evidence_reader.hpp"
#include "app/usecases/item_queries.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct EvidenceCertificate {
  std::string file_name;  // "sealpost-certificate-<delivery id>-<language>.pdf"
  std::string pdf;        // sealed
};

class BuildEvidenceCertificate {
 public:
  BuildEvidenceCertificate(Database& database, ItemQueries& queries, EvidenceReader& reader,
                           CertificateRenderer& renderer, const common::Clock& clock);

  // kPermissionDenied without "read" or "inbox"; kNotFound for a delivery the caller may not
  // see; kInvalidArgument for a language other than nl, fr, en, de.
  common::Result<EvidenceCertificate> Execute(const Caller& caller, const std::string& delivery_id,
                                              std::string_view language);

 private:
  Database& database_;
  ItemQueries& queries_;
  EvidenceReader& reader_;
  CertificateRenderer& renderer_;
  const common::Clock& clock_;
};

}  // namespace sealpost::app
