#include "main/secret_files.hpp"

#include "adapters/files/atomic_file.hpp"

namespace sealpost::main {

using common::ErrorCode;
using common::Fail;

common::Result<common::Bytes> LoadHexSecret(const std::filesystem::path& path, std::size_t bytes,
                                            bool create, common::Random& random) {
  if (!std::filesystem::exists(path)) {
    if (!create)
      return Fail(ErrorCode::kNotFound, "secret file " + path.string() + " does not exist");
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (auto ok = adapters::files::WriteFileAtomically(
            path, common::HexEncode(random.Generate(bytes)) + "\n", 0600);
        !ok) {
      return Fail(ok.error());
    }
  }
  auto text = adapters::files::ReadWholeFile(path);
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
