#include "adapters/mail/mime_encoding.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <span>

#include "common/bytes.hpp"

namespace sealpost::adapters::mail {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr std::size_t kQpLineLimit = 76;      // RFC 2045 §6.7 rule 5, including the soft-break '='
constexpr std::size_t kWordBytes = 30;        // bytes per encoded-word: 40 base64 chars, 52 in all
constexpr std::size_t kFoldColumn = 78;       // RFC 5322 §2.1.1 "SHOULD"
constexpr std::size_t kContinuationLen = 50;  // encoded characters per RFC 2231 continuation

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string Escape(unsigned char c) { return std::string{'=', kHex[c >> 4], kHex[c & 15]}; }

std::span<const std::uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Length of the UTF-8 sequence a lead byte opens (1 for anything unexpected, so callers that
// split on characters never loop forever on bad input).
std::size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  return 1;
}

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return out;
}

// One encoded-word starting at `pos` ("=?charset?B|Q?text?="): on success its decoded text and
// the position after it.
std::optional<std::pair<std::string, std::size_t>> DecodeOneWord(std::string_view value,
                                                                 std::size_t pos) {
  if (value.substr(pos, 2) != "=?") return std::nullopt;
  const std::size_t charset_end = value.find('?', pos + 2);
  if (charset_end == std::string_view::npos || charset_end + 2 >= value.size() ||
      value[charset_end + 2] != '?') {
    return std::nullopt;
  }
  const char encoding = value[charset_end + 1];
  const std::size_t text_start = charset_end + 3;
  const std::size_t text_end = value.find("?=", text_start);
  if (text_end == std::string_view::npos) return std::nullopt;
  const std::string_view text = value.substr(text_start, text_end - text_start);
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
  std::string charset = Lower(value.substr(pos + 2, charset_end - pos - 2));
  charset = charset.substr(0, charset.find('*'));  // RFC 2231 §5 language suffix

  std::string decoded;
  if (encoding == 'B' || encoding == 'b') {
    auto bytes = DecodeBase64Lines(text);
    if (!bytes) return std::nullopt;
    decoded = std::move(*bytes);
  } else if (encoding == 'Q' || encoding == 'q') {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '_') {
        decoded.push_back(' ');
      } else if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
                 HexValue(text[i + 2]) >= 0) {
        decoded.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
        i += 2;
      } else {
        decoded.push_back(text[i]);
      }
    }
  } else {
    return std::nullopt;
  }
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "windows-1252") {
    decoded = Latin1ToUtf8(decoded);
  }
  return std::pair{std::move(decoded), text_end + 2};
}

bool IsAttributeChar(unsigned char c) {
  // RFC 2231 attribute-char, minus a few that some parsers mishandle; everything else is %XX.
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = Utf8Length(c);
    if (n == 1 || i + n > text.size()) return false;
    std::uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n;
  }
  return true;
}

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  std::size_t column = 0;
  const auto put = [&](std::string piece) {
    if (column + piece.size() > kQpLineLimit - 1) {
      out += "=\r\n";
      column = 0;
    }
    // SMTP transparency (RFC 5321 §4.5.2) is the client's job, but a '.' opening a line is also
    // what naive relays and mbox tools trip over: escaping it costs two bytes.
    if (column == 0 && piece == ".") piece = "=2E";
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      out += "\r\n";
      column = 0;
      continue;
    }
    const bool line_ends = i + 1 == text.size() || text[i + 1] == '\n' ||
                           (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n');
    const bool literal =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_ends);
    put(literal ? std::string(1, static_cast<char>(c)) : Escape(c));
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view encoded) {
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c != '=') {
      out.push_back(c);
      continue;
    }
    // Soft line break: '=' then optional transport padding, then CRLF or LF.
    std::size_t j = i + 1;
    while (j < encoded.size() && (encoded[j] == ' ' || encoded[j] == '\t')) ++j;
    if (j < encoded.size() && (encoded[j] == '\n' || encoded[j] == '\r')) {
      if (encoded[j] == '\r' && j + 1 < encoded.size() && encoded[j + 1] == '\n') ++j;
      i = j;
      continue;
    }
    if (i + 2 < encoded.size() && HexValue(encoded[i + 1]) >= 0 && HexValue(encoded[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(encoded[i + 1]) * 16 + HexValue(encoded[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string EncodeBase64Lines(std::string_view bytes) {
  const std::string flat = common::Base64Encode(AsBytes(bytes));
  std::string out;
  out.reserve(flat.size() + flat.size() / 38 + 2);
  for (std::size_t i = 0; i < flat.size(); i += 76) {
    out.append(flat, i, 76);
    out += "\r\n";
  }
  return out;
}

std::optional<std::string> DecodeBase64Lines(std::string_view encoded) {
  std::string compact;
  compact.reserve(encoded.size());
  for (char c : encoded) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact.push_back(c);
  }
  auto bytes = common::Base64Decode(compact);
  if (!bytes) return std::nullopt;
  return common::ToString(*bytes);
}

std::string EncodeWords(std::string_view utf8) {
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = i;
    while (end < utf8.size()) {
      const std::size_t n = Utf8Length(static_cast<unsigned char>(utf8[end]));
      if (end + n - i > kWordBytes) break;
      end += n;
    }
    if (end == i) end = std::min(utf8.size(), i + kWordBytes);  // cannot happen for valid UTF-8
    if (!out.empty()) out.push_back(' ');
    out += "=?UTF-8?B?" + common::Base64Encode(AsBytes(utf8.substr(i, end - i))) + "?=";
    i = end;
  }
  return out;
}

std::string DecodeWords(std::string_view value) {
  std::string out;
  std::string pending_space;  // whitespace after an encoded-word, dropped if another follows
  bool after_word = false;
  std::size_t i = 0;
  while (i < value.size()) {
    if (auto word = DecodeOneWord(value, i)) {
      if (!after_word) out += pending_space;
      pending_space.clear();
      out += word->first;
      i = word->second;
      after_word = true;
      continue;
    }
    const char c = value[i++];
    if (after_word && (c == ' ' || c == '\t')) {
      pending_space.push_back(c);
      continue;
    }
    out += pending_space;
    pending_space.clear();
    after_word = false;
    out.push_back(c);
  }
  return out + pending_space;
}

std::string ExtendedParameter(std::string_view name, std::string_view utf8) {
  std::string encoded;
  for (unsigned char c : utf8) {
    if (IsAttributeChar(c)) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  if (encoded.size() <= kContinuationLen) {
    return std::string(name) + "*=UTF-8''" + encoded;
  }
  std::string out;
  std::size_t i = 0;
  for (int n = 0; i < encoded.size(); ++n) {
    std::size_t len = std::min(kContinuationLen, encoded.size() - i);
    // Never cut a %XX triplet in two.
    if (i + len < encoded.size()) {
      if (encoded[i + len - 1] == '%')
        len -= 1;
      else if (len >= 2 && encoded[i + len - 2] == '%')
        len -= 2;
    }
    if (n > 0) out += ";\r\n ";
    out += std::string(name) + "*" + std::to_string(n) + "*=" + (n == 0 ? "UTF-8''" : "") +
           encoded.substr(i, len);
    i += len;
  }
  return out;
}

std::string DecodePercent(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string FoldHeader(std::string_view name, std::string_view value) {
  // Split " value" before every space that precedes a non-space: each piece then starts with a
  // space and is never whitespace only, so a fold before it is always allowed.
  const std::string line = " " + std::string(value);
  std::string out = std::string(name) + ":";
  std::size_t column = out.size();
  std::size_t start = 0;
  bool first = true;
  while (start < line.size()) {
    std::size_t next = start + 1;
    while (next < line.size() &&
           !(line[next] == ' ' && next + 1 < line.size() && line[next + 1] != ' ')) {
      ++next;
    }
    const std::string_view piece = std::string_view(line).substr(start, next - start);
    if (!first && column + piece.size() > kFoldColumn) {
      out += "\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
    first = false;
    start = next;
  }
  return out + "\r\n";
}

std::string UnfoldHeader(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (value[i] == '\n') continue;
    out.push_back(value[i]);
  }
  return out;
}

std::string FormatRfc5322Date(common::TimePoint time) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday weekday{day};
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(time - day)};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %u %s %d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

}  // namespace sealpost::adapters::mail
