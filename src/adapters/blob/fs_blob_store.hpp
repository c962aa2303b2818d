// FsBlobStore: app::BlobStore on a local file system. A blob lives at
//   <root>/<aa>/<bb>/<address>     (aa, bb: the first two bytes of the address, in hex)
// which keeps directories small. Put writes a temp file in the target directory, fsyncs it, renames
// it into place and fsyncs the directory, so a crash leaves either no blob or the whole blob. Get
// re-hashes what it reads, so silent corruption on disk is reported instead of served.
// Thread-safety: thread-safe; concurrent Puts of the same bytes are harmless (same content, atomic
// rename). Remove is idempotent: removing an absent blob succeeds, so retried deletions converge.
#pragma once

#include <filesystem>
#include <mutex>
#include <set>
#include <string>

#include "app/ports/blob_store.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::blob {

class FsBlobStore final : public app::BlobStore {
 public:
  // `root` is created (mode 0700) on first Put when missing.
  explicit FsBlobStore(std::filesystem::path root);

  common::Result<std::string> Put(const common::Bytes& data) override;
  common::Result<std::string> Stage(const common::Bytes& data) override;
  common::Result<void> SyncStaged() override;
  common::Result<common::Bytes> Get(const std::string& address) override;
  common::Result<void> Remove(const std::string& address) override;

  // Where the blob with `address` is (or would be) stored; exposed for tests and operators.
  std::filesystem::path PathOf(const std::string& address) const;

 private:
  common::Result<std::string> Write(const common::Bytes& data, bool sync_now);

  const std::filesystem::path root_;
  std::mutex staged_mutex_;
  std::set<std::filesystem::path> staged_files_;  // renamed into place, not yet fsynced
};

}  // namespace sealpost::adapters::blob
