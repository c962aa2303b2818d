// The Merkle log leaf of a sealed evidence (REFERENCE.md §3): one definition, used when appending,
// when proving and when verifying.
#pragma once

#include "common/result.hpp"
#include "domain/evidence.hpp"
#include "merkle/leaf.hpp"
#include "merkle/tree_hash.hpp"

namespace sealpost::app {

merkle::LeafRecord LeafRecordOf(const domain::EvidenceRecord& record);
common::Result<merkle::Hash> LeafHashOf(const domain::EvidenceRecord& record);

}  // namespace sealpost::app
