// ProofVerifier: checks a proof file — a sealed evidence XML, a proof bundle (zip) or a PDF
// certificate — from the file alone, against the provider's published trust anchors, exactly as
// `sealpost verify` does; for the public verification page. Nothing is looked up in the service's
// data: the verdict is what anyone holding the file can establish. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"

namespace sealpost::app {

struct ProofCheck {
  std::string subject;  // which file or part, e.g. "evidence/01-SubmissionAcceptance-….xml"
  std::string name;     // e.g. "xmldsig-core", "pdf-seal", "log-inclusion"
  bool passed = false;
  std::string detail;
};

struct ProofStatement {  // what one evidence in the file states
  std::string event;
  std::string evidence_id;
  std::string sender;
  std::string recipient;
  std::string time_stamped_at;
};

struct ProofVerdict {
  bool valid = false;  // every check passed
  std::vector<ProofCheck> checks;
  std::vector<ProofStatement> statements;
  std::string trust_note;
};

class ProofVerifier {
 public:
  virtual ~ProofVerifier() = default;
  // kInvalidArgument for an empty file; anything else gets a verdict (possibly: not valid).
  virtual common::Result<ProofVerdict> Verify(const std::string& file_name,
                                              const std::string& bytes) const = 0;
};

}  // namespace sealpost::app
