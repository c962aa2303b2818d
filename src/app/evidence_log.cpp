#include "app/evidence_log.hpp"

#include "app/evidence_leaf.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

EvidenceLog::EvidenceLog(Database& database, EvidenceSealer& sealer)
    : database_(database), sealer_(sealer) {}

common::Result<void> EvidenceLog::LoadRangeLocked(UnitOfWork& uow) {
  if (range_) return common::Ok();
  auto size = uow.Log().Size();
  if (!size) return common::Fail(size.error());
  auto hashes = uow.Log().LeafHashes(0, *size);
  if (!hashes) return common::Fail(hashes.error());
  merkle::CompactRange range;
  for (const auto& h : *hashes) range.Append(h);
  range_ = std::move(range);
  return common::Ok();
}

common::Result<std::vector<domain::EvidenceRecord>> EvidenceLog::Record(
    const std::vector<domain::Evidence>& evidence, const std::string& item_id, const Apply& apply) {
  // Seal outside the writer lock: this is the slow part (signature and time-stamp).
  std::vector<domain::EvidenceRecord> records;
  records.reserve(evidence.size());
  for (const auto& e : evidence) {
    auto sealed = sealer_.Seal(e);
    if (!sealed) return common::Fail(sealed.error());
    domain::EvidenceRecord r;
    r.id = e.id;
    r.item_id = item_id;
    r.delivery_id = e.delivery_id;
    r.event = e.event;
    r.reason_code = e.reason_code;
    r.event_time = e.event_time;
    r.sha256 = common::HexEncode(common::Sha256(*sealed));
    r.sealed_xml = std::move(*sealed);
    records.push_back(std::move(r));
  }

  std::lock_guard lock(writer_);
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto loaded = LoadRangeLocked(**uow); !loaded) return common::Fail(loaded.error());

  if (auto applied = apply(**uow); !applied) return common::Fail(applied.error());

  merkle::CompactRange next = *range_;
  for (auto& r : records) {
    r.leaf_index = static_cast<std::int64_t>(next.Size());
    auto leaf_hash = LeafHashOf(r);
    if (!leaf_hash) return common::Fail(leaf_hash.error());
    if (auto ok = (*uow)->Evidence().Insert(r); !ok) return common::Fail(ok.error());
    if (auto ok = (*uow)->Log().Append(r.leaf_index, *leaf_hash, r.id); !ok)
      return common::Fail(ok.error());
    next.Append(*leaf_hash);
  }
  if (auto committed = (*uow)->Commit(); !committed) {
    range_.reset();  // unknown whether the commit reached the disk: reload from the database next
                     // time
    return common::Fail(committed.error());
  }
  range_ = std::move(next);
  return records;
}

common::Result<LogHead> EvidenceLog::Head() {
  std::lock_guard lock(writer_);
  if (!range_) {
    auto uow = database_.Begin();
    if (!uow) return common::Fail(uow.error());
    if (auto loaded = LoadRangeLocked(**uow); !loaded) return common::Fail(loaded.error());
  }
  return LogHead{static_cast<std::int64_t>(range_->Size()), range_->Root()};
}

}  // namespace sealpost::app
