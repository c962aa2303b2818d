#include "http/multipart.hpp"

#include <algorithm>
#include <utility>

#include "http/uri.hpp"

namespace sealpost::http {

namespace {

using common::ErrorCode;
using common::Fail;
using Params = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kCrlf = "\r\n";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

// Parses "value; a=b; c=\"d\"" (as in Content-Type and Content-Disposition) into the leading value
// and lower-cased parameter names with unquoted values. `what` names the header in messages.
common::Result<std::pair<std::string, Params>> ParseHeaderWithParams(std::string_view header,
                                                                     std::string_view what) {
  const std::string context = "malformed " + std::string(what) + " header: ";
  std::size_t semi = header.find(';');
  std::string value = Lower(Trim(header.substr(0, semi)));
  Params params;
  std::string_view rest = semi == std::string_view::npos ? "" : header.substr(semi + 1);
  while (true) {
    rest = Trim(rest);
    if (rest.empty()) break;
    const std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, context + "parameter without '='");
    }
    const std::string_view name = Trim(rest.substr(0, eq));
    if (!IsToken(name)) {
      return Fail(ErrorCode::kInvalidArgument, context + "invalid parameter name");
    }
    rest = Trim(rest.substr(eq + 1));
    std::string param_value;
    if (!rest.empty() && rest.front() == '"') {
      std::size_t i = 1;
      bool closed = false;
      for (; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) {
          param_value.push_back(rest[++i]);
        } else if (rest[i] == '"') {
          closed = true;
          break;
        } else {
          param_value.push_back(rest[i]);
        }
      }
      if (!closed) {
        return Fail(ErrorCode::kInvalidArgument,
                    context + "unterminated quoted value of parameter '" + std::string(name) + "'");
      }
      rest = Trim(rest.substr(i + 1));
      if (!rest.empty() && rest.front() != ';') {
        return Fail(ErrorCode::kInvalidArgument,
                    context + "unexpected text after quoted parameter '" + std::string(name) + "'");
      }
    } else {
      const std::size_t end = rest.find(';');
      param_value = std::string(Trim(rest.substr(0, end)));
      rest = end == std::string_view::npos ? "" : rest.substr(end);
    }
    std::string lower_name = Lower(name);
    for (const auto& [existing, ignored] : params) {
      if (existing == lower_name) {
        return Fail(ErrorCode::kInvalidArgument,
                    context + "parameter '" + lower_name + "' appears twice");
      }
    }
    params.emplace_back(std::move(lower_name), std::move(param_value));
    if (!rest.empty()) rest.remove_prefix(1);  // the ';'
  }
  return std::pair{std::move(value), std::move(params)};
}

const std::string* FindParam(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return &value;
  }
  return nullptr;
}

bool IsBoundaryChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

common::Result<Headers> ParsePartHeaders(std::string_view block, std::size_t part_number) {
  const std::string where = "multipart part " + std::to_string(part_number) + ": ";
  Headers headers;
  while (!block.empty()) {
    const std::size_t end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? "" : block.substr(end + kCrlf.size());
    if (line.front() == ' ' || line.front() == '\t') {
      return Fail(ErrorCode::kInvalidArgument, where + "folded header lines are not supported");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, where + "header line without ':'");
    }
    const std::string_view name = line.substr(0, colon);
    if (!IsToken(name)) {
      return Fail(ErrorCode::kInvalidArgument, where + "invalid header name");
    }
    const std::string_view value = Trim(line.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return (u < 0x20 && c != '\t') || u == 0x7f;
        })) {
      return Fail(ErrorCode::kInvalidArgument,
                  where + "control character in header '" + std::string(name) + "'");
    }
    headers.Add(std::string(name), std::string(value));
  }
  return headers;
}

common::Result<MultipartPart> BuildPart(Headers headers, std::string_view body,
                                        std::size_t part_number) {
  const std::string where = "multipart part " + std::to_string(part_number) + ": ";
  const auto dispositions = headers.GetAll("Content-Disposition");
  if (dispositions.empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + "missing Content-Disposition header");
  }
  if (dispositions.size() > 1) {
    return Fail(ErrorCode::kInvalidArgument, where + "more than one Content-Disposition header");
  }
  auto parsed = ParseHeaderWithParams(dispositions.front(), "Content-Disposition");
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument, where + parsed.error().message);
  }
  auto& [type, params] = *parsed;
  if (type != "form-data") {
    return Fail(ErrorCode::kInvalidArgument,
                where + "Content-Disposition must be form-data, not '" + type + "'");
  }
  const std::string* name = FindParam(params, "name");
  if (name == nullptr || name->empty()) {
    return Fail(ErrorCode::kInvalidArgument, where + "Content-Disposition has no name");
  }
  MultipartPart part;
  part.name = *name;
  if (const std::string* filename = FindParam(params, "filename")) {
    part.filename = *filename;
  }
  // RFC 7578 §4.2 discourages filename*, but some clients send it (RFC 5987: UTF-8''%xx…).
  if (const std::string* extended = FindParam(params, "filename*")) {
    constexpr std::string_view kUtf8Prefix = "utf-8''";
    if (Lower(std::string_view(*extended).substr(0, kUtf8Prefix.size())) != kUtf8Prefix) {
      return Fail(ErrorCode::kInvalidArgument, where + "filename* must use UTF-8''");
    }
    auto decoded = PercentDecode(std::string_view(*extended).substr(kUtf8Prefix.size()));
    if (!decoded) {
      return Fail(ErrorCode::kInvalidArgument, where + "filename*: " + decoded.error().message);
    }
    part.filename = std::move(*decoded);
  }
  const auto content_types = headers.GetAll("Content-Type");
  if (content_types.size() > 1) {
    return Fail(ErrorCode::kInvalidArgument, where + "more than one Content-Type header");
  }
  if (!content_types.empty()) {
    part.content_type = std::string(content_types.front());
  }
  part.headers = std::move(headers);
  part.body = std::string(body);
  return part;
}

}  // namespace

const MultipartPart* MultipartForm::Find(std::string_view name) const {
  for (const MultipartPart& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

std::vector<const MultipartPart*> MultipartForm::FindAll(std::string_view name) const {
  std::vector<const MultipartPart*> found;
  for (const MultipartPart& part : parts) {
    if (part.name == name) found.push_back(&part);
  }
  return found;
}

common::Result<std::string> MultipartBoundary(std::string_view content_type) {
  auto parsed = ParseHeaderWithParams(content_type, "Content-Type");
  if (!parsed) {
    return std::unexpected(parsed.error());
  }
  const auto& [media_type, params] = *parsed;
  if (media_type != "multipart/form-data") {
    return Fail(ErrorCode::kInvalidArgument,
                "expected Content-Type multipart/form-data, got '" + media_type + "'");
  }
  const std::string* boundary = FindParam(params, "boundary");
  if (boundary == nullptr || boundary->empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "multipart/form-data Content-Type has no boundary parameter");
  }
  if (boundary->size() > 70 || boundary->back() == ' ' ||
      !std::all_of(boundary->begin(), boundary->end(), IsBoundaryChar)) {
    return Fail(ErrorCode::kInvalidArgument,
                "multipart boundary is invalid (RFC 2046: 1 to 70 characters from a limited set)");
  }
  return *boundary;
}

common::Result<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body,
                                             const MultipartLimits& limits) {
  auto boundary = MultipartBoundary(content_type);
  if (!boundary) {
    return std::unexpected(boundary.error());
  }
  const std::string dash_boundary = "--" + *boundary;
  const std::string delimiter = std::string(kCrlf) + dash_boundary;

  // The first delimiter may open the body or follow a preamble (which is ignored).
  std::size_t pos;
  if (body.starts_with(dash_boundary)) {
    pos = dash_boundary.size();
  } else {
    const std::size_t found = body.find(delimiter);
    if (found == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument,
                  "multipart body does not contain the boundary announced in Content-Type");
    }
    pos = found + delimiter.size();
  }

  MultipartForm form;
  while (true) {
    // `pos` is just after a delimiter: either "--" (close) or optional padding and CRLF.
    if (body.substr(pos).starts_with("--")) {
      if (form.parts.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "multipart body contains no parts");
      }
      return form;  // the epilogue after the close delimiter is ignored, as RFC 2046 says
    }
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (!body.substr(pos).starts_with(kCrlf)) {
      if (pos >= body.size()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "multipart body is truncated: no closing boundary delimiter");
      }
      return Fail(ErrorCode::kInvalidArgument,
                  "multipart boundary line is not followed by CRLF (boundary text inside a part?)");
    }
    pos += kCrlf.size();

    const std::size_t part_number = form.parts.size() + 1;
    if (part_number > limits.max_parts) {
      return Fail(ErrorCode::kInvalidArgument,
                  "multipart body has more than " + std::to_string(limits.max_parts) + " parts");
    }
    // Part headers end at the first empty line; a part with no header lines starts with CRLF.
    std::size_t headers_end;
    std::size_t body_start;
    if (body.substr(pos).starts_with(kCrlf)) {
      headers_end = pos;
      body_start = pos + kCrlf.size();
    } else {
      const std::size_t blank = body.find("\r\n\r\n", pos);
      if (blank == std::string_view::npos) {
        return Fail(ErrorCode::kInvalidArgument, "multipart part " + std::to_string(part_number) +
                                                     ": header block is not terminated");
      }
      headers_end = blank;
      body_start = blank + 4;
    }
    if (headers_end - pos > limits.max_part_header_bytes) {
      return Fail(ErrorCode::kInvalidArgument,
                  "multipart part " + std::to_string(part_number) + ": headers are too large");
    }
    auto headers = ParsePartHeaders(body.substr(pos, headers_end - pos), part_number);
    if (!headers) {
      return std::unexpected(headers.error());
    }
    const std::size_t body_end = body.find(delimiter, headers_end);
    if (body_end == std::string_view::npos || body_end < body_start - kCrlf.size()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "multipart body is truncated: no closing boundary delimiter");
    }
    // The CRLF that ends the header block may be the same CRLF that opens the delimiter of an
    // empty part without headers; clamp so the body is then empty.
    const std::size_t content_start = std::min(body_start, body_end);
    auto part = BuildPart(std::move(*headers), body.substr(content_start, body_end - content_start),
                          part_number);
    if (!part) {
      return std::unexpected(part.error());
    }
    form.parts.push_back(std::move(*part));
    pos = body_end + delimiter.size();
  }
}

}  // namespace sealpost::http
