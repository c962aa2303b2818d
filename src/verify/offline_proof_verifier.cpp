#include "verify/offline_proof_verifier.hpp"

#include "verify/offline_verifier.hpp"

namespace sealpost::verify {

OfflineProofVerifier::OfflineProofVerifier(std::string root_ca_pem, std::string log_verifier_key)
    : root_ca_pem_(std::move(root_ca_pem)), log_verifier_key_(std::move(log_verifier_key)) {}

common::Result<app::ProofVerdict> OfflineProofVerifier::Verify(const std::string& file_name,
                                                               const std::string& bytes) const {
  if (bytes.empty()) {
    return common::Fail(common::ErrorCode::kInvalidArgument, "the file is empty");
  }
  VerifyOptions options;
  options.trust_anchor_pems.push_back(root_ca_pem_);
  if (!log_verifier_key_.empty()) options.log_verifier_key = log_verifier_key_;
  const VerifyReport report = VerifyFile(file_name, bytes, options);
  app::ProofVerdict verdict;
  verdict.valid = report.ok;
  verdict.trust_note = report.trust_note;
  for (const auto& c : report.checks) {
    verdict.checks.push_back({c.subject, c.name, c.passed, c.detail});
  }
  for (const auto& s : report.statements) {
    verdict.statements.push_back(
        {s.event, s.evidence_id, s.sender, s.recipient, s.time_stamped_at});
  }
  return verdict;
}

}  // namespace sealpost::verify
