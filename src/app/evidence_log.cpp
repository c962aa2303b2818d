#include "app/evidence_log.hpp"

#include "app/evidence_leaf.hpp"
#include "common/sha256.hpp"

namespace sealpost::app {

EvidenceLog::EvidenceLog(Database& database, EvidenceSealer& sealer, BeforeCommit before_commit,
                         std::size_t max_group)
    : database_(database),
      sealer_(sealer),
      before_commit_(std::move(before_commit)),
      max_group_(max_group),
      committer_([this] { CommitLoop(); }) {}

EvidenceLog::~EvidenceLog() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  committer_.join();
}

common::Result<std::vector<domain::EvidenceRecord>> EvidenceLog::Record(
    const std::vector<domain::Evidence>& evidence, const std::string& item_id, const Apply& apply) {
  // Seal outside any lock: this is the slow part (signature and time-stamp).
  Pending pending;
  pending.apply = &apply;
  pending.records.reserve(evidence.size());
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
    pending.records.push_back(std::move(r));
  }

  std::unique_lock lock(queue_mutex_);
  if (stopping_) return common::Fail(common::ErrorCode::kUnavailable, "the service is stopping");
  queue_.push_back(&pending);
  queued_.notify_one();
  done_.wait(lock, [&] { return pending.outcome.has_value(); });
  if (!*pending.outcome) return common::Fail(pending.outcome->error());
  return std::move(pending.records);
}

void EvidenceLog::CommitLoop() {
  std::unique_lock lock(queue_mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing is left to commit
    std::vector<Pending*> group;
    while (!queue_.empty() && group.size() < max_group_) {
      group.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    CommitGroup(group);
    lock.lock();
    done_.notify_all();
  }
}

common::Result<merkle::CompactRange> EvidenceLog::CommittedRange() {
  std::lock_guard lock(range_mutex_);
  if (!range_) {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto size = (*uow)->Log().Size();
    if (!size) return common::Fail(size.error());
    auto hashes = (*uow)->Log().LeafHashes(0, *size);
    if (!hashes) return common::Fail(hashes.error());
    merkle::CompactRange range;
    for (const auto& h : *hashes) range.Append(h);
    range_ = std::move(range);
  }
  return *range_;
}

void EvidenceLog::CommitGroup(std::vector<Pending*>& group) {
  // Outcomes are written under the queue lock, where the waiting callers read them.
  auto fail_all = [&](const common::Error& error) {
    std::lock_guard lock(queue_mutex_);
    for (Pending* p : group) p->outcome = common::Result<void>(common::Fail(error));
  };

  auto committed = CommittedRange();
  if (!committed) return fail_all(committed.error());
  auto uow = database_.Begin();
  if (!uow) return fail_all(uow.error());

  merkle::CompactRange next = *committed;
  std::vector<std::optional<common::Result<void>>> outcomes(group.size());
  for (std::size_t i = 0; i < group.size(); ++i) {
    Pending& p = *group[i];
    merkle::CompactRange tentative = next;
    auto result = (*uow)->Isolated([&]() -> common::Result<void> {
      if (auto applied = (*p.apply)(**uow); !applied) return applied;
      for (auto& r : p.records) {
        r.leaf_index = static_cast<std::int64_t>(tentative.Size());
        auto leaf_hash = LeafHashOf(r);
        if (!leaf_hash) return common::Fail(leaf_hash.error());
        if (auto ok = (*uow)->Evidence().Insert(r); !ok) return ok;
        if (auto ok = (*uow)->Log().Append(r.leaf_index, *leaf_hash, r.id); !ok) return ok;
        tentative.Append(*leaf_hash);
      }
      return common::Ok();
    });
    if (result) next = std::move(tentative);
    outcomes[i] = std::move(result);
  }

  if (before_commit_) {
    if (auto ready = before_commit_(); !ready) return fail_all(ready.error());
  }
  if (auto ok = (*uow)->Commit(); !ok) {
    // Whether the commit reached the disk is unknown: reload the log from the database next time.
    std::lock_guard lock(range_mutex_);
    range_.reset();
    return fail_all(ok.error());
  }
  {
    std::lock_guard lock(range_mutex_);
    range_ = std::move(next);
  }
  std::lock_guard lock(queue_mutex_);
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->outcome = std::move(*outcomes[i]);
}

common::Result<LogHead> EvidenceLog::Head() {
  auto range = CommittedRange();
  if (!range) return common::Fail(range.error());
  return LogHead{static_cast<std::int64_t>(range->Size()), range->Root()};
}

}  // namespace sealpost::app
