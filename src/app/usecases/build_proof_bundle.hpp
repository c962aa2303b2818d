// BuildProofBundle: everything a verifier needs to check the evidence of an item offline — each
// sealed evidence, its Merkle inclusion proof (C2SP tlog-proof) against a signed checkpoint, the
// checkpoint's RFC 3161 time-stamp, and the certificates and log key that anchor them. Layout:
// docs/evidence-format.md. Visibility is that of ItemQueries::ListEvidence. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/caller.hpp"
#include "app/checkpoint_service.hpp"
#include "app/ports/archive_writer.hpp"
#include "app/ports/database.hpp"
#include "app/usecases/item_queries.hpp"
#include "common/result.hpp"

namespace sealpost::app {

// Public material that anchors the proofs; all of it is also published by the provider.
struct TrustMaterial {
  std::string root_ca_pem;
  std::string seal_chain_pem;    // seal certificate, then intermediates
  std::string tsa_chain_pem;     // TSA certificate, then intermediates
  std::string log_verifier_key;  // C2SP note verifier key "<name>+<hex id>+<base64 key>"
};

inline constexpr std::string_view kProofBundleFormat = "sealpost-proof-bundle/1";

class BuildProofBundle {
 public:
  BuildProofBundle(Database& database, ItemQueries& queries, CheckpointService& checkpoints,
                   TrustMaterial trust);

  // The files of the bundle; the HTTP layer packs them with an ArchiveWriter.
  common::Result<std::vector<ArchiveEntry>> Execute(const Caller& caller,
                                                    const std::string& item_id);

 private:
  Database& database_;
  ItemQueries& queries_;
  CheckpointService& checkpoints_;
  TrustMaterial trust_;
};

}  // namespace sealpost::app
