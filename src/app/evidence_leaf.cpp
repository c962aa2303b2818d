#include "app/evidence_leaf.hpp"

#include "common/sha256.hpp"

namespace sealpost::app {

merkle::LeafRecord LeafRecordOf(const domain::EvidenceRecord& record) {
  return merkle::LeafRecord{record.id, common::Sha256(record.sealed_xml),
                            static_cast<std::uint16_t>(record.event), record.event_time};
}

common::Result<merkle::Hash> LeafHashOf(const domain::EvidenceRecord& record) {
  auto encoded = merkle::EncodeLeaf(LeafRecordOf(record));
  if (!encoded) return common::Fail(encoded.error());
  return merkle::LeafHash(*encoded);
}

}  // namespace sealpost::app
