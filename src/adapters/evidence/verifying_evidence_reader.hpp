// VerifyingEvidenceReader: the EvidenceReader that runs the full EvidenceVerifier (all six checks,
// against the provider's own trust anchors) before it restates anything, then reads the facts:
// the EvidenceSummary (event, times, names, parts) plus the party details the summary leaves out
// (e-mail, eIDAS identifiers, level of assurance, authentication method and time) and the
// delivery id. The time-stamped time is the genTime of the verified token.
// Thread-safety: immutable after construction; Read may be called concurrently (the verifier is
// stateless).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/ports/evidence_reader.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::evidence {

class VerifyingEvidenceReader final : public app::EvidenceReader {
 public:
  // `trust_anchor_pems`: the root certificates of the seal and of the time-stamp authority.
  explicit VerifyingEvidenceReader(std::vector<std::string> trust_anchor_pems)
      : trust_anchor_pems_(std::move(trust_anchor_pems)) {}

  common::Result<app::EvidenceFacts> Read(std::string_view sealed_xml) override;

 private:
  const std::vector<std::string> trust_anchor_pems_;
};

}  // namespace sealpost::adapters::evidence
