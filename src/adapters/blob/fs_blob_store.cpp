#include "adapters/blob/fs_blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

#include "common/random.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::blob {
namespace {

using common::ErrorCode;
namespace fs = std::filesystem;

constexpr std::size_t kAddressLength = 64;
constexpr mode_t kDirectoryMode = 0700;
constexpr mode_t kFileMode = 0600;

// Addresses come from callers: only exact lower-case SHA-256 hex may become a path (no "../").
bool IsAddress(const std::string& address) {
  if (address.size() != kAddressLength) return false;
  for (char c : address) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

common::Error ErrnoError(ErrorCode code, const std::string& what, const fs::path& path) {
  return common::Error{code, what + " " + path.string() + ": " + std::strerror(errno), {}};
}

common::Result<void> FsyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot open", dir));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot fsync", dir));
  return common::Ok();
}

// mkdir -p that also fsyncs each parent of a directory it creates, so the new directory entries
// are as durable as the blob written below them.
common::Result<void> MakeDirectories(const fs::path& dir) {
  std::vector<fs::path> missing;
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0) break;
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), kDirectoryMode) != 0 && errno != EEXIST) {
      return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot create", *it));
    }
    fs::path parent = it->parent_path();
    if (auto synced = FsyncDirectory(parent.empty() ? fs::path(".") : parent); !synced) {
      return synced;
    }
  }
  return common::Ok();
}

common::Result<void> WriteAll(int fd, const common::Bytes& data, const fs::path& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot write", path));
    done += static_cast<std::size_t>(n);
  }
  return common::Ok();
}

}  // namespace

FsBlobStore::FsBlobStore(fs::path root) : root_(std::move(root)) {}

fs::path FsBlobStore::PathOf(const std::string& address) const {
  // One level of 256 directories: enough to keep directories small, few enough that creating them
  // (and syncing their parent) is rare.
  return root_ / address.substr(0, 2) / address;
}

common::Result<std::string> FsBlobStore::Put(const common::Bytes& data) {
  return Write(data, true);
}

common::Result<std::string> FsBlobStore::Stage(const common::Bytes& data) {
  return Write(data, false);
}

common::Result<void> FsBlobStore::SyncStaged() {
  {
    std::lock_guard lock(staged_mutex_);
    if (staged_files_.empty()) return common::Ok();
    // A staged blob that vanished before it was durable must not be committed as if it were there.
    for (const auto& path : staged_files_) {
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) {
        return common::Fail(ErrnoError(ErrorCode::kUnavailable, "staged blob missing", path));
      }
    }
    staged_files_.clear();
  }
  // One syncfs for the whole group instead of an fsync per file and directory: it makes every
  // staged file, its data and its directory entry durable at once.
  int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot open", root_));
  int rc = ::syncfs(fd);
  ::close(fd);
  if (rc != 0) return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot syncfs", root_));
  return common::Ok();
}

common::Result<std::string> FsBlobStore::Write(const common::Bytes& data, bool sync_now) {
  std::string address = common::HexEncode(common::Sha256(data));
  fs::path final_path = PathOf(address);
  fs::path dir = final_path.parent_path();
  if (auto made = MakeDirectories(dir); !made) return common::Fail(made.error());

  // A unique temp name per call: concurrent Puts never write into each other's file.
  common::SecureRandom random;
  fs::path temp_path = dir / (".tmp-" + common::HexEncode(random.Generate(8)));
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode);
  if (fd < 0) return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot create", temp_path));
  common::Result<void> written = WriteAll(fd, data, temp_path);
  if (written && sync_now && ::fsync(fd) != 0) {
    written = common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot fsync", temp_path));
  }
  if (::close(fd) != 0 && written) {
    written = common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot close", temp_path));
  }
  if (written && ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    written = common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot rename to", final_path));
  }
  if (!written) {
    ::unlink(temp_path.c_str());
    return common::Fail(written.error());
  }
  if (!sync_now) {
    // fsync of a renamed file makes its data durable; the directory entry is synced with it later.
    std::lock_guard lock(staged_mutex_);
    staged_files_.insert(final_path);
    return address;
  }
  if (auto synced = FsyncDirectory(dir); !synced) return common::Fail(synced.error());
  return address;
}

common::Result<common::Bytes> FsBlobStore::Get(const std::string& address) {
  if (!IsAddress(address)) {
    return common::Fail(ErrorCode::kInvalidArgument, "not a blob address: " + address);
  }
  fs::path path = PathOf(address);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return common::Fail(ErrorCode::kNotFound, "no blob " + address);
    return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot open", path));
  }
  common::Bytes data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) data.reserve(static_cast<std::size_t>(st.st_size));
  std::uint8_t buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      auto error = ErrnoError(ErrorCode::kUnavailable, "cannot read", path);
      ::close(fd);
      return common::Fail(std::move(error));
    }
    if (n == 0) break;
    data.insert(data.end(), buf, buf + n);
  }
  ::close(fd);
  if (common::HexEncode(common::Sha256(data)) != address) {
    return common::Fail(ErrorCode::kInternal, "blob " + address + " is corrupted on disk");
  }
  return data;
}

common::Result<void> FsBlobStore::Remove(const std::string& address) {
  if (!IsAddress(address)) {
    return common::Fail(ErrorCode::kInvalidArgument, "not a blob address: " + address);
  }
  fs::path path = PathOf(address);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return common::Ok();
    return common::Fail(ErrnoError(ErrorCode::kUnavailable, "cannot remove", path));
  }
  return FsyncDirectory(path.parent_path());
}

}  // namespace sealpost::adapters::blob
