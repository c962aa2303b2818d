#include "merkle/proof_text.hpp"

#include <algorithm>
#include <charconv>

#include "merkle/proof.hpp"

namespace sealpost::merkle {

namespace {

using common::ErrorCode;
using common::Fail;

std::unexpected<common::Error> Malformed(const std::string& why) {
  return Fail(ErrorCode::kInvalidArgument, "malformed tlog-proof: " + why);
}

// Takes the next "\n"-terminated line off the front of `rest`; nullopt if there is none.
std::optional<std::string_view> NextLine(std::string_view& rest) {
  const std::size_t end = rest.find('\n');
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return line;
}

std::optional<std::uint64_t> ParseDecimal(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text[0] == '0') ||
      !std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

common::Result<std::string> FormatTlogProof(const TlogProof& proof) {
  if (proof.checkpoint_note.empty() || proof.checkpoint_note.back() != '\n') {
    return Fail(ErrorCode::kInvalidArgument,
                "checkpoint note must be non-empty and end in a newline");
  }
  std::string text(kTlogProofHeader);
  text += "\n";
  if (proof.extra) text += "extra " + common::Base64Encode(*proof.extra) + "\n";
  text += "index " + std::to_string(proof.index) + "\n";
  for (const Hash& hash : proof.inclusion_proof) text += common::Base64Encode(hash) + "\n";
  text += "\n";
  text += proof.checkpoint_note;
  return text;
}

common::Result<TlogProof> ParseTlogProof(std::string_view text) {
  std::string_view rest = text;
  auto line = NextLine(rest);
  if (!line || *line != kTlogProofHeader) return Malformed("missing c2sp.org/tlog-proof@v1 header");

  TlogProof proof;
  line = NextLine(rest);
  if (line && line->starts_with("extra ")) {
    auto extra = common::Base64Decode(line->substr(6));
    if (!extra) return Malformed("extra data is not base64");
    proof.extra = std::move(*extra);
    line = NextLine(rest);
  }
  if (!line || !line->starts_with("index ")) return Malformed("missing index line");
  const auto index = ParseDecimal(line->substr(6));
  if (!index) return Malformed("index is not a decimal without leading zeroes");
  proof.index = *index;

  for (line = NextLine(rest); line && !line->empty(); line = NextLine(rest)) {
    const auto hash = common::Base64Decode(*line);
    if (!hash || hash->size() != Hash().size()) {
      return Malformed("inclusion proof line is not base64 of a 32-byte hash");
    }
    Hash h;
    std::ranges::copy(*hash, h.begin());
    proof.inclusion_proof.push_back(h);
  }
  if (!line) return Malformed("missing empty line before the checkpoint");
  if (rest.empty()) return Malformed("missing checkpoint");
  if (rest.back() != '\n') return Malformed("checkpoint does not end in a newline");
  proof.checkpoint_note = std::string(rest);
  return proof;
}

common::Result<Checkpoint> VerifyTlogProof(const TlogProof& proof, const NoteVerifier& log_key,
                                           std::string_view origin, const Hash& leaf_hash) {
  auto text = log_key.Verify(proof.checkpoint_note);
  if (!text) return Fail(std::move(text.error()));
  auto checkpoint = ParseCheckpoint(*text);
  if (!checkpoint) return checkpoint;
  if (checkpoint->origin != origin) {
    return Fail(ErrorCode::kInvalidArgument, "checkpoint origin \"" + checkpoint->origin +
                                                 "\" is not \"" + std::string(origin) + "\"");
  }
  auto included = VerifyInclusion(proof.index, checkpoint->size, leaf_hash,
                                  std::span<const Hash>(proof.inclusion_proof), checkpoint->root);
  if (!included) return Fail(std::move(included.error()));
  return checkpoint;
}

}  // namespace sealpost::merkle
