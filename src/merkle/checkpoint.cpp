#include "merkle/checkpoint.hpp"

#include <algorithm>
#include <charconv>

#include "common/bytes.hpp"

namespace sealpost::merkle {

namespace {

using common::ErrorCode;
using common::Fail;

bool IsValidLine(std::string_view line) {
  return !line.empty() && std::ranges::none_of(line, [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::unexpected<common::Error> Malformed(const std::string& why) {
  return Fail(ErrorCode::kInvalidArgument, "malformed checkpoint: " + why);
}

}  // namespace

common::Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint) {
  if (!IsValidLine(checkpoint.origin)) {
    return Fail(ErrorCode::kInvalidArgument, "checkpoint origin must be a non-empty single line");
  }
  std::string text = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                     common::Base64Encode(checkpoint.root) + "\n";
  for (const auto& extension : checkpoint.extensions) {
    if (!IsValidLine(extension)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "checkpoint extension lines must be non-empty single lines");
    }
    text += extension + "\n";
  }
  return text;
}

common::Result<Checkpoint> ParseCheckpoint(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Malformed("does not end in a newline");
  std::vector<std::string_view> lines;
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t end = rest.find('\n');
    lines.push_back(rest.substr(0, end));
    rest.remove_prefix(end + 1);
  }
  if (lines.size() < 3) return Malformed("fewer than three lines");
  if (!std::ranges::all_of(lines, IsValidLine)) return Malformed("empty line or control character");

  Checkpoint checkpoint;
  checkpoint.origin = std::string(lines[0]);

  const std::string_view size = lines[1];
  if (!std::ranges::all_of(size, [](char c) { return c >= '0' && c <= '9'; }) ||
      (size.size() > 1 && size[0] == '0')) {
    return Malformed("tree size is not a decimal without leading zeroes");
  }
  const auto [end, error] =
      std::from_chars(size.data(), size.data() + size.size(), checkpoint.size);
  if (error != std::errc() || end != size.data() + size.size()) {
    return Malformed("tree size out of range");
  }

  const auto root = common::Base64Decode(lines[2]);
  if (!root || root->size() != checkpoint.root.size()) {
    return Malformed("root is not base64 of 32 bytes");
  }
  std::ranges::copy(*root, checkpoint.root.begin());

  for (std::size_t i = 3; i < lines.size(); ++i) checkpoint.extensions.emplace_back(lines[i]);
  return checkpoint;
}

}  // namespace sealpost::merkle
