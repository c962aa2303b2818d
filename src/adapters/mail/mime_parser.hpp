// A small reader of Internet messages for the demo mail viewer: header fields (unfolded and
// RFC 2047-decoded), the first text/plain and text/html bodies (transfer encoding undone; UTF-8
// assumed, as sealpost writes nothing else) and a summary of the attachments. It reads what
// BuildMimeMessage writes and the common shapes other mailers write; it is a display aid, not a
// validating parser — mail from outside is never fed to it. Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sealpost::adapters::mail {

struct ParsedAttachment {
  std::string file_name;     // decoded (RFC 2231 or RFC 2047), may be empty
  std::string content_type;  // lower-case type/subtype
  std::size_t size = 0;      // decoded bytes
};

struct ParsedMail {
  std::vector<std::pair<std::string, std::string>> headers;  // top level, decoded, in order
  std::string text_body;                                     // line breaks as "\n"
  std::string html_body;
  std::vector<ParsedAttachment> attachments;

  // First value of a header field, case-insensitive.
  std::optional<std::string> Header(std::string_view name) const;
};

// Never fails: what cannot be understood is left out (a body part) or kept raw (a header).
ParsedMail ParseMimeMessage(std::string_view raw);

// Only the top-level header fields (cheaper, for listings).
std::vector<std::pair<std::string, std::string>> ParseMimeHeaders(std::string_view raw);

}  // namespace sealpost::adapters::mail
