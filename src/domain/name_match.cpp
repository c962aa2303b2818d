#include "domain/name_match.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace sealpost::domain {

namespace {

// Latin-1 Supplement and Latin Extended-A letters that occur in Belgian and EU names, folded to
// ASCII.
std::string_view FoldCodePoint(std::uint32_t cp) {
  static constexpr std::array<std::pair<std::uint32_t, std::string_view>, 64> kFold{{
      {0xC0, "a"},  {0xC1, "a"},  {0xC2, "a"},  {0xC3, "a"},  {0xC4, "a"},   {0xC5, "a"},
      {0xC6, "ae"}, {0xC7, "c"},  {0xC8, "e"},  {0xC9, "e"},  {0xCA, "e"},   {0xCB, "e"},
      {0xCC, "i"},  {0xCD, "i"},  {0xCE, "i"},  {0xCF, "i"},  {0xD1, "n"},   {0xD2, "o"},
      {0xD3, "o"},  {0xD4, "o"},  {0xD5, "o"},  {0xD6, "o"},  {0xD8, "o"},   {0xD9, "u"},
      {0xDA, "u"},  {0xDB, "u"},  {0xDC, "u"},  {0xDD, "y"},  {0xDF, "ss"},  {0xE0, "a"},
      {0xE1, "a"},  {0xE2, "a"},  {0xE3, "a"},  {0xE4, "a"},  {0xE5, "a"},   {0xE6, "ae"},
      {0xE7, "c"},  {0xE8, "e"},  {0xE9, "e"},  {0xEA, "e"},  {0xEB, "e"},   {0xEC, "i"},
      {0xED, "i"},  {0xEE, "i"},  {0xEF, "i"},  {0xF1, "n"},  {0xF2, "o"},   {0xF3, "o"},
      {0xF4, "o"},  {0xF5, "o"},  {0xF6, "o"},  {0xF8, "o"},  {0xF9, "u"},   {0xFA, "u"},
      {0xFB, "u"},  {0xFC, "u"},  {0xFD, "y"},  {0xFF, "y"},  {0x152, "oe"}, {0x153, "oe"},
      {0x160, "s"}, {0x161, "s"}, {0x17D, "z"}, {0x17E, "z"},
  }};
  for (const auto& [code, folded] : kFold) {
    if (code == cp) return folded;
  }
  return {};
}

}  // namespace

std::string NormaliseName(std::string_view in) {
  std::string out;
  bool pending_space = false;
  auto emit = [&](std::string_view s) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out += s;
  };
  for (std::size_t i = 0; i < in.size();) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    std::uint32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xC0 && c < 0xE0 && i + 1 < in.size()) {
      cp = (c & 0x1F) << 6 | (static_cast<unsigned char>(in[i + 1]) & 0x3F);
      len = 2;
    } else if (c >= 0xE0 && c < 0xF0 && i + 2 < in.size()) {
      cp = (c & 0x0F) << 12 | (static_cast<unsigned char>(in[i + 1]) & 0x3F) << 6 |
           (static_cast<unsigned char>(in[i + 2]) & 0x3F);
      len = 3;
    } else if (c >= 0xF0) {
      len = 4;
    }
    if (cp < 0x80) {
      char ch = static_cast<char>(cp);
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (ch == ' ' || ch == '-' || ch == '\'' || ch == '.' || ch == ',' || ch == '\t') {
        pending_space = true;
      } else {
        emit(std::string_view(&ch, 1));
      }
    } else if (cp == 0x2019 || cp == 0x2010 || cp == 0x2011) {  // ’ and Unicode hyphens
      pending_space = true;
    } else if (auto folded = FoldCodePoint(cp); !folded.empty()) {
      emit(folded);
    } else {
      emit(in.substr(i, len));  // other scripts: compared as they are
    }
    i += len;
  }
  return out;
}

bool NamesMatch(std::string_view a, std::string_view b) {
  std::string na = NormaliseName(a);
  return !na.empty() && na == NormaliseName(b);
}

}  // namespace sealpost::domain
