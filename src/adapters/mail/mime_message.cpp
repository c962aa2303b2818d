#include "adapters/mail/mime_message.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "adapters/mail/mime_encoding.hpp"

namespace sealpost::adapters::mail {
namespace {

using common::ErrorCode;
using common::Fail;

// Boundaries that cannot occur inside any part we write: quoted-printable never produces "=_"
// ('=' is followed by two hex digits or a line break), base64 has neither '=' before '_' nor '_'
// at all, and header lines do not start with "--". Neither is a prefix of the other (RFC 2046
// §5.1.1), so the nested multiparts stay unambiguous.
constexpr std::string_view kMixedBoundary = "=_sealpost_mixed";
constexpr std::string_view kAlternativeBoundary = "=_sealpost_alt";

constexpr std::size_t kMaxIdLength = 128;
// An unencoded word longer than this could not be folded into a 78-character line; such text
// goes out as encoded-words, which can be split anywhere.
constexpr std::size_t kMaxWordLength = 60;

// Header fields the builder owns: an extra header with one of these names would override or
// duplicate them (Bcc/Cc would even add recipients the envelope does not have).
constexpr std::array<std::string_view, 11> kReservedHeaders = {
    "from",   "to",         "cc",       "bcc",          "subject",    "date",
    "sender", "message-id", "reply-to", "mime-version", "return-path"};

bool IsAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool IsAtext(char c) {
  return IsAlnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return out;
}

// dot-atom-text (RFC 5322 §3.2.3) over the characters `allowed` accepts.
template <typename Allowed>
bool IsDotAtom(std::string_view text, Allowed allowed) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  if (text.find("..") != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return c == '.' || allowed(c); });
}

bool IsValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return IsAlnum(c) || c == '-'; }))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// A header value must be one line of UTF-8 text: the check that stops header injection.
common::Result<void> CheckHeaderText(std::string_view what, std::string_view text) {
  for (unsigned char c : text) {
    if (c == '\r' || c == '\n') {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(what) + " contains a line break (refused: header injection)");
    }
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      return Fail(ErrorCode::kInvalidArgument, std::string(what) + " contains a control character");
    }
  }
  if (!IsValidUtf8(text)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(what) + " is not valid UTF-8");
  }
  return common::Ok();
}

common::Result<void> CheckAddress(std::string_view what, std::string_view address) {
  if (address.empty()) return Fail(ErrorCode::kInvalidArgument, std::string(what) + " is empty");
  if (auto ok = CheckHeaderText(what, address); !ok) return ok;
  if (!IsValidMailAddress(address)) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(what) + " is not an address of the form local@domain");
  }
  return common::Ok();
}

bool HasLongWord(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    std::size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    if (space - start > kMaxWordLength) return true;
    start = space + 1;
  }
  return false;
}

// Unstructured text (Subject, extra headers): as is when it is plain ASCII that no decoder would
// mistake for an encoded-word, else RFC 2047 encoded-words.
std::string Unstructured(std::string_view text) {
  const bool plain = IsPrintableAscii(text) && text.find("=?") == std::string_view::npos &&
                     (text.empty() || (text.front() != ' ' && text.back() != ' ')) &&
                     !HasLongWord(text);
  return plain ? std::string(text) : EncodeWords(text);
}

// A display name (RFC 5322 phrase): atoms as they are, other ASCII as a quoted-string, anything
// else as encoded-words (RFC 2047 §5 (3)).
std::string Phrase(std::string_view name) {
  if (!IsPrintableAscii(name) || name.find("=?") != std::string_view::npos || HasLongWord(name)) {
    return EncodeWords(name);
  }
  const bool atoms =
      name.front() != ' ' && name.back() != ' ' && name.find("  ") == std::string_view::npos &&
      std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || IsAtext(c); });
  if (atoms) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\"";
}

std::string Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  return Phrase(name) + " <" + std::string(address) + ">";
}

// A MIME entity: its Content-* header lines (each CRLF-terminated) and its encoded body.
struct Entity {
  std::string headers;
  std::string body;
};

Entity TextEntity(std::string_view subtype, std::string_view text) {
  return {"Content-Type: text/" + std::string(subtype) +
              "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n",
          EncodeQuotedPrintable(text)};
}

Entity MultipartEntity(std::string_view subtype, std::string_view boundary,
                       const std::vector<Entity>& parts) {
  Entity entity;
  entity.headers = FoldHeader("Content-Type", "multipart/" + std::string(subtype) +
                                                  "; boundary=\"" + std::string(boundary) + "\"");
  for (const Entity& part : parts) {
    // The CRLF before "--boundary" belongs to the delimiter (RFC 2046 §5.1.1): always add it, so
    // a body's own final line break survives decoding.
    entity.body +=
        "--" + std::string(boundary) + "\r\n" + part.headers + "\r\n" + part.body + "\r\n";
  }
  entity.body += "--" + std::string(boundary) + "--\r\n";
  return entity;
}

bool IsToken(std::string_view text) {
  // RFC 2045 token: no tspecials, no space, no controls.
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c > 0x20 && c < 0x7F &&
           std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
  });
}

common::Result<std::string> MediaType(std::string_view content_type) {
  if (content_type.empty()) return std::string("application/octet-stream");
  const std::size_t slash = content_type.find('/');
  if (slash == std::string_view::npos || !IsToken(content_type.substr(0, slash)) ||
      !IsToken(content_type.substr(slash + 1))) {
    return Fail(ErrorCode::kInvalidArgument,
                "attachment content type must be a bare type/subtype, e.g. application/pdf");
  }
  return Lower(content_type);
}

common::Result<Entity> AttachmentEntity(const app::MailAttachment& attachment) {
  auto media = MediaType(attachment.content_type);
  if (!media) return Fail(media.error());
  if (auto ok = CheckHeaderText("attachment file name", attachment.file_name); !ok) {
    return Fail(ok.error());
  }
  Entity entity;
  const std::string& name = attachment.file_name;
  if (name.empty()) {
    entity.headers = "Content-Type: " + *media + "\r\nContent-Disposition: attachment\r\n";
  } else {
    const bool simple = IsPrintableAscii(name) && name.find_first_of("\"\\") == std::string::npos &&
                        name.find("=?") == std::string::npos && name.size() <= 60;
    // Content-Type name= in RFC 2047 form is what older Outlook versions read; the standard
    // place is the RFC 2231 filename* of Content-Disposition, which current clients prefer.
    entity.headers = FoldHeader("Content-Type",
                                *media + "; name=\"" + (simple ? name : EncodeWords(name)) + "\"");
    entity.headers +=
        simple ? FoldHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
               : "Content-Disposition: attachment;\r\n " + ExtendedParameter("filename", name) +
                     "\r\n";
  }
  entity.headers += "Content-Transfer-Encoding: base64\r\n";
  entity.body = EncodeBase64Lines(attachment.bytes);
  if (entity.body.ends_with("\r\n")) entity.body.resize(entity.body.size() - 2);
  return entity;
}

common::Result<void> CheckMessageId(std::string_view id) {
  if (id.empty()) return Fail(ErrorCode::kInvalidArgument, "message id is required");
  const bool ok = id.size() <= kMaxIdLength && IsDotAtom(id, [](char c) {
                    return IsAlnum(c) || c == '-' || c == '_' || c == '+';
                  });
  if (!ok) {
    return Fail(ErrorCode::kInvalidArgument,
                "message id must be 1-128 of A-Z a-z 0-9 . _ + - (no leading, trailing or double "
                "dot)");
  }
  return common::Ok();
}

common::Result<void> CheckExtraHeader(std::string_view name, std::string_view value) {
  const bool name_ok = !name.empty() && name.size() <= 76 &&
                       std::all_of(name.begin(), name.end(),
                                   [](char c) { return c > 0x20 && c < 0x7F && c != ':'; });
  if (!name_ok) {
    return Fail(ErrorCode::kInvalidArgument,
                "extra header name must be printable ASCII without ':' or spaces");
  }
  const std::string lower = Lower(name);
  if (lower.starts_with("content-") || std::find(kReservedHeaders.begin(), kReservedHeaders.end(),
                                                 lower) != kReservedHeaders.end()) {
    return Fail(ErrorCode::kInvalidArgument,
                "extra header " + std::string(name) + " is set by the mailer itself");
  }
  return CheckHeaderText("header " + std::string(name), value);
}

common::Result<void> CheckMessage(const app::MailMessage& message) {
  if (auto ok = CheckAddress("recipient address", message.to); !ok) return ok;
  if (auto ok = CheckHeaderText("recipient name", message.to_name); !ok) return ok;
  if (auto ok = CheckHeaderText("subject", message.subject); !ok) return ok;
  if (auto ok = CheckMessageId(message.id); !ok) return ok;
  const std::string_view language = message.language;
  const bool language_ok =
      language.size() <= 35 &&
      std::all_of(language.begin(), language.end(), [](char c) { return IsAlnum(c) || c == '-'; });
  if (!language_ok) {
    return Fail(ErrorCode::kInvalidArgument, "language must be a BCP 47 tag such as \"nl-BE\"");
  }
  for (const auto& [name, value] : message.headers) {
    if (auto ok = CheckExtraHeader(name, value); !ok) return ok;
  }
  return common::Ok();
}

}  // namespace

bool IsValidMailAddress(std::string_view address) {
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || at != address.rfind('@') || address.size() > 254) {
    return false;
  }
  const std::string_view local = address.substr(0, at);
  return local.size() <= 64 && IsDotAtom(local, IsAtext) && IsValidDomain(address.substr(at + 1));
}

common::Result<void> ValidateSender(const MailSender& sender) {
  if (auto ok = CheckAddress("from address", sender.from_address); !ok) return ok;
  if (auto ok = CheckHeaderText("from name", sender.from_name); !ok) return ok;
  if (!IsValidDomain(sender.message_id_domain)) {
    return Fail(ErrorCode::kInvalidArgument,
                "message id domain must be a domain name such as sealpost.example.be");
  }
  return common::Ok();
}

common::Result<std::string> BuildMimeMessage(const app::MailMessage& message,
                                             const MailSender& sender, common::TimePoint date) {
  if (auto ok = ValidateSender(sender); !ok) return Fail(ok.error());
  if (auto ok = CheckMessage(message); !ok) return Fail(ok.error());

  std::string out;
  out += FoldHeader("Date", FormatRfc5322Date(date));
  out += FoldHeader("From", Mailbox(sender.from_name, sender.from_address));
  out += FoldHeader("To", Mailbox(message.to_name, message.to));
  out += FoldHeader("Subject", Unstructured(message.subject));
  out += FoldHeader("Message-ID", "<" + message.id + "@" + sender.message_id_domain + ">");
  out += "MIME-Version: 1.0\r\n";
  if (!message.language.empty()) out += FoldHeader("Content-Language", message.language);
  for (const auto& [name, value] : message.headers) out += FoldHeader(name, Unstructured(value));

  Entity body = TextEntity("plain", message.text_body);
  if (!message.html_body.empty()) {
    body = MultipartEntity("alternative", kAlternativeBoundary,
                           {std::move(body), TextEntity("html", message.html_body)});
  }
  if (!message.attachments.empty()) {
    std::vector<Entity> parts{std::move(body)};
    for (const auto& attachment : message.attachments) {
      auto entity = AttachmentEntity(attachment);
      if (!entity) return Fail(entity.error());
      parts.push_back(std::move(*entity));
    }
    body = MultipartEntity("mixed", kMixedBoundary, parts);
  }
  out += body.headers + "\r\n" + body.body;
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace sealpost::adapters::mail
