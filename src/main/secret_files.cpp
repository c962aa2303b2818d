#include "main/secret_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sealpost::main {

using common::ErrorCode;
using common::Fail;

common::Result<std::string> ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

common::Result<void> WriteFileAtomically(const std::filesystem::path& path,
                                         const std::string& content, bool secret) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, secret ? 0600 : 0644);
  if (fd < 0)
    return Fail(ErrorCode::kUnavailable,
                "cannot write " + tmp.string() + ": " + std::strerror(errno));
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return Fail(ErrorCode::kUnavailable,
                "cannot write " + path.string() + ": " + std::strerror(errno));
  }
  return common::Ok();
}

common::Result<common::Bytes> LoadHexSecret(const std::filesystem::path& path, std::size_t bytes,
                                            bool create, common::Random& random) {
  if (!std::filesystem::exists(path)) {
    if (!create)
      return Fail(ErrorCode::kNotFound, "secret file " + path.string() + " does not exist");
    if (auto ok = WriteFileAtomically(path, common::HexEncode(random.Generate(bytes)) + "\n", true);
        !ok) {
      return Fail(ok.error());
    }
  }
  auto text = ReadTextFile(path);
  if (!text) return Fail(text.error());
  std::string hex = *text;
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' '))
    hex.pop_back();
  auto decoded = common::HexDecode(hex);
  if (!decoded || decoded->size() != bytes) {
    return Fail(
        ErrorCode::kInvalidArgument,
        path.string() + " must hold " + std::to_string(bytes * 2) + " hexadecimal characters");
  }
  return *decoded;
}

}  // namespace sealpost::main
