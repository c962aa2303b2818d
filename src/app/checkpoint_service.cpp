#include "app/checkpoint_service.hpp"

#include "common/sha256.hpp"
#include "merkle/checkpoint.hpp"

namespace sealpost::app {

CheckpointService::CheckpointService(Database& database, EvidenceLog& log,
                                     const merkle::NoteSigner& signer, TimeStamper& time_stamper,
                                     const common::Clock& clock, std::string origin)
    : database_(database),
      log_(log),
      signer_(signer),
      time_stamper_(time_stamper),
      clock_(clock),
      origin_(std::move(origin)) {}

common::Result<StoredCheckpoint> CheckpointService::MakeNew() {
  auto head = log_.Head();
  if (!head) return common::Fail(head.error());
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto latest = (*uow)->Log().LatestCheckpoint();
    if (!latest) return common::Fail(latest.error());
    if (*latest && (*latest)->size >= head->size) return **latest;
  }
  merkle::Checkpoint cp{origin_, static_cast<std::uint64_t>(head->size), head->root, {}};
  auto body = merkle::FormatCheckpoint(cp);
  if (!body) return common::Fail(body.error());
  auto note = signer_.Sign(*body);
  if (!note) return common::Fail(note.error());
  auto token = time_stamper_.TimeStamp(common::Sha256(*note));
  if (!token) return common::Fail(token.error());

  StoredCheckpoint stored{head->size, common::HexEncode(head->root), *note, token->der,
                          clock_.Now()};
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto ok = (*uow)->Log().InsertCheckpoint(stored); !ok) return common::Fail(ok.error());
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  return stored;
}

common::Result<StoredCheckpoint> CheckpointService::Covering(std::int64_t min_size) {
  std::lock_guard lock(making_);
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto latest = (*uow)->Log().LatestCheckpoint();
    if (!latest) return common::Fail(latest.error());
    if (*latest && (*latest)->size >= min_size) return **latest;
  }
  return MakeNew();
}

common::Result<StoredCheckpoint> CheckpointService::Refresh() {
  std::lock_guard lock(making_);
  return MakeNew();
}

}  // namespace sealpost::app
