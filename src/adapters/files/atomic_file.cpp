#include "adapters/files/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace sealpost::adapters::files {

namespace {

namespace fs = std::filesystem;
using common::ErrorCode;

common::Error ErrnoError(const std::string& what, const fs::path& path) {
  return common::Error{
      ErrorCode::kInternal, what + " " + path.string() + ": " + std::strerror(errno), {}};
}

}  // namespace

common::Result<void> FsyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return common::Fail(ErrnoError("cannot open", dir));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return common::Fail(ErrnoError("cannot fsync", dir));
  return common::Ok();
}

common::Result<void> WriteFileAtomically(const fs::path& path, std::string_view content,
                                         mode_t mode) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const fs::path temp = dir / ("." + path.filename().string() + ".tmp");
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return common::Fail(ErrnoError("cannot create", temp));
  // O_CREAT honours the mode only for a new file: force it on a leftover temp file too, before any
  // secret is written into it.
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t done = 0;
  while (ok && done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  ok = ok && ::rename(temp.c_str(), path.c_str()) == 0;
  if (!ok) {
    common::Error error = ErrnoError("cannot write", path);
    ::unlink(temp.c_str());
    return common::Fail(std::move(error));
  }
  return FsyncDirectory(dir);
}

common::Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::Fail(ErrorCode::kNotFound, "cannot read " + path.string());
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return common::Fail(ErrorCode::kInternal, "cannot read " + path.string());
  return content;
}

}  // namespace sealpost::adapters::files
