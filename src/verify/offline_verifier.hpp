// OfflineVerifier: what `sealpost verify` does — checks an evidence XML file, a proof bundle or a
// PDF certificate with no access to the service, and says in plain words what it proves. Every
// check is reported, passed or failed, so that a verifier (a judge, a lawyer, the other party)
// sees exactly what holds.
// Stateless and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sealpost::verify {

struct Check {
  std::string subject;  // what was checked, e.g. "evidence 01-SubmissionAcceptance-….xml"
  std::string name;     // e.g. "xmldsig-core"
  bool passed = false;
  std::string detail;
};

struct EvidenceStatement {
  std::string file;
  std::string event;
  std::string evidence_id;
  std::string message_id;
  std::string sender;
  std::string recipient;
  std::string event_time;
  std::string time_stamped_at;     // the RFC 3161 genTime, the time that counts
  std::vector<std::string> parts;  // "name (type, size bytes, sha256 …)"
};

struct VerifyReport {
  std::vector<Check> checks;
  std::vector<EvidenceStatement> statements;
  std::string trust_note;  // where the trust anchors came from, with the root fingerprint
  bool ok = false;
};

struct VerifyOptions {
  // PEM files with trusted root certificates; when empty, a bundle's own certs/root-ca.pem is used
  // and the report says so.
  std::vector<std::string> trust_anchor_pems;
  std::optional<std::string> log_verifier_key;  // overrides the bundle's certs/log-key.txt
};

// `bytes` is an evidence XML document, a zip proof bundle or a PDF certificate (told apart by
// their first bytes). A PDF certificate is checked like an evidence file: its seal and every
// evidence embedded in it, against the trust anchors given (none given: a failed check).
VerifyReport VerifyFile(const std::string& file_name, const std::string& bytes,
                        const VerifyOptions& options);

// The plain-text verdict printed by `sealpost verify`.
std::string RenderReport(const VerifyReport& report);

}  // namespace sealpost::verify
