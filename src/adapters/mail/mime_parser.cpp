#include "adapters/mail/mime_parser.hpp"

#include <algorithm>
#include <map>

#include "adapters/mail/mime_encoding.hpp"

namespace sealpost::adapters::mail {
namespace {

constexpr int kMaxDepth = 8;  // nesting of multiparts; ours is at most 2

using RawHeaders = std::vector<std::pair<std::string, std::string>>;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// Header block and body of an entity, split at the first empty line.
std::pair<std::string_view, std::string_view> SplitEntity(std::string_view raw) {
  if (raw.starts_with("\r\n")) return {{}, raw.substr(2)};
  if (raw.starts_with("\n")) return {{}, raw.substr(1)};
  const std::size_t crlf = raw.find("\r\n\r\n");
  const std::size_t lf = raw.find("\n\n");
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf))
    return {raw.substr(0, crlf + 2), raw.substr(crlf + 4)};
  if (lf != std::string_view::npos) return {raw.substr(0, lf + 1), raw.substr(lf + 2)};
  return {raw, {}};
}

// Header fields with their values unfolded but not decoded.
RawHeaders ReadHeaders(std::string_view block) {
  RawHeaders headers;
  std::size_t start = 0;
  while (start < block.size()) {
    std::size_t end = block.find('\n', start);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    start = end + 1;
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      if (!headers.empty()) headers.back().second += std::string(line);  // unfolding keeps WSP
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                         std::string(Trim(line.substr(colon + 1))));
  }
  for (auto& [name, value] : headers) value = std::string(Trim(value));
  return headers;
}

std::optional<std::string> Find(const RawHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (Lower(key) == Lower(name)) return value;
  }
  return std::nullopt;
}

// "type/subtype; a=b; c=\"d\"" with RFC 2231 extended and continued parameters reassembled.
struct HeaderWithParams {
  std::string value;  // lower-case, e.g. "multipart/mixed" or "attachment"
  std::map<std::string, std::string> params;
};

HeaderWithParams ParseParams(std::string_view text) {
  HeaderWithParams out;
  std::vector<std::string> pieces;
  std::string current;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '\\' && i + 1 < text.size()) {
      current.push_back(text[++i]);
      continue;
    }
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (c == ';' && !quoted) {
      pieces.push_back(std::move(current));
      current.clear();
      continue;
    }
    current.push_back(c);
  }
  pieces.push_back(std::move(current));
  out.value = Lower(Trim(pieces.front()));

  // name → (index → (extended, text)) for RFC 2231 continuations.
  std::map<std::string, std::map<int, std::pair<bool, std::string>>> parts;
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const std::string_view piece = pieces[i];
    const std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = Lower(Trim(piece.substr(0, eq)));
    const std::string value(Trim(piece.substr(eq + 1)));
    bool extended = false;
    if (name.ends_with('*')) {
      extended = true;
      name.pop_back();
    }
    int index = 0;
    if (const std::size_t star = name.find('*'); star != std::string::npos) {
      index = std::atoi(name.c_str() + star + 1);
      name.resize(star);
    }
    parts[name][index] = {extended, value};
  }
  for (auto& [name, segments] : parts) {
    std::string value;
    for (auto& [index, segment] : segments) {
      auto& [extended, text] = segment;
      if (!extended) {
        value += text;
        continue;
      }
      std::string_view encoded = text;
      if (index == 0) {  // charset'language'value; we only write (and read) UTF-8
        const std::size_t first = encoded.find('\'');
        const std::size_t second =
            first == std::string_view::npos ? first : encoded.find('\'', first + 1);
        if (second != std::string_view::npos) encoded.remove_prefix(second + 1);
      }
      value += DecodePercent(encoded);
    }
    out.params[name] = DecodeWords(value);  // quoted "=?UTF-8?B?…?=" names, as Outlook writes
  }
  return out;
}

std::string ToLf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out.push_back(text[i]);
  }
  return out;
}

std::string DecodeBody(std::string_view body, std::string_view transfer_encoding) {
  const std::string encoding = Lower(transfer_encoding);
  if (encoding == "base64") return DecodeBase64Lines(body).value_or(std::string());
  if (encoding == "quoted-printable") return DecodeQuotedPrintable(body);
  return std::string(body);
}

// The bodies between the delimiter lines of a multipart body (RFC 2046 §5.1.1).
std::vector<std::string_view> SplitMultipart(std::string_view body, std::string_view boundary) {
  std::vector<std::string_view> parts;
  const std::string delimiter = "--" + std::string(boundary);
  std::size_t at = 0;
  if (!body.starts_with(delimiter)) {
    at = body.find("\n" + delimiter);
    if (at == std::string_view::npos) return parts;
    at += 1;
  }
  while (true) {
    const std::size_t after = at + delimiter.size();
    if (body.substr(after, 2) == "--") break;  // close delimiter
    const std::size_t line_end = body.find('\n', after);
    if (line_end == std::string_view::npos) break;
    const std::size_t start = line_end + 1;
    const std::size_t next = body.find("\n" + delimiter, start - 1);
    std::size_t end = next == std::string_view::npos ? body.size() : next;
    if (end > start && body[end - 1] == '\r') --end;
    parts.push_back(body.substr(start, end > start ? end - start : 0));
    if (next == std::string_view::npos) break;
    at = next + 1;
  }
  return parts;
}

void Walk(std::string_view raw, int depth, ParsedMail& mail) {
  const auto [block, body] = SplitEntity(raw);
  const RawHeaders headers = ReadHeaders(block);
  const HeaderWithParams type =
      ParseParams(Find(headers, "Content-Type").value_or("text/plain; charset=us-ascii"));
  const HeaderWithParams disposition =
      ParseParams(Find(headers, "Content-Disposition").value_or(""));

  if (type.value.starts_with("multipart/")) {
    const auto boundary = type.params.find("boundary");
    if (boundary == type.params.end() || depth >= kMaxDepth) return;
    for (std::string_view part : SplitMultipart(body, boundary->second)) {
      Walk(part, depth + 1, mail);
    }
    return;
  }

  std::string decoded =
      DecodeBody(body, Find(headers, "Content-Transfer-Encoding").value_or("7bit"));
  std::string file_name;
  if (auto it = disposition.params.find("filename"); it != disposition.params.end()) {
    file_name = it->second;
  } else if (auto name = type.params.find("name"); name != type.params.end()) {
    file_name = name->second;
  }
  const bool inline_text = disposition.value != "attachment" && file_name.empty();
  if (inline_text && type.value == "text/plain" && mail.text_body.empty()) {
    mail.text_body = ToLf(decoded);
  } else if (inline_text && type.value == "text/html" && mail.html_body.empty()) {
    mail.html_body = ToLf(decoded);
  } else {
    mail.attachments.push_back({std::move(file_name), type.value, decoded.size()});
  }
}

}  // namespace

std::optional<std::string> ParsedMail::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (Lower(key) == Lower(name)) return value;
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> ParseMimeHeaders(std::string_view raw) {
  RawHeaders headers = ReadHeaders(SplitEntity(raw).first);
  for (auto& [name, value] : headers) value = DecodeWords(value);
  return headers;
}

ParsedMail ParseMimeMessage(std::string_view raw) {
  ParsedMail mail;
  mail.headers = ParseMimeHeaders(raw);
  Walk(raw, 0, mail);
  return mail;
}

}  // namespace sealpost::adapters::mail
