// OfflineProofVerifier: the ProofVerifier of the public verification page, on top of the offline
// verifier of `sealpost verify`, with the provider's published root CA and log key as the only
// trust anchors (a bundle's own copies are not trusted blindly). Immutable; thread-safe.
#pragma once

#include <string>

#include "app/ports/proof_verifier.hpp"

namespace sealpost::verify {

class OfflineProofVerifier final : public app::ProofVerifier {
 public:
  OfflineProofVerifier(std::string root_ca_pem, std::string log_verifier_key);
  common::Result<app::ProofVerdict> Verify(const std::string& file_name,
                                           const std::string& bytes) const override;

 private:
  std::string root_ca_pem_;
  std::string log_verifier_key_;
};

}  // namespace sealpost::verify
