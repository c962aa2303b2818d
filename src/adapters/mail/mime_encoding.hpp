// The encodings an Internet message is made of, both directions: quoted-printable and base64
// bodies (RFC 2045), encoded-words in header values (RFC 2047), extended parameters for
// non-ASCII file names (RFC 2231), header folding and the RFC 5322 date. Shared by the message
// builder and the spool reader so that what is written and what is read agree.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace sealpost::adapters::mail {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);
// True when every byte is printable ASCII or a space (0x20..0x7E).
bool IsPrintableAscii(std::string_view text);

// Quoted-printable for a text body: LF and CRLF become CRLF hard line breaks, lines are
// soft-wrapped to at most 76 characters, '=', controls, non-ASCII bytes, whitespace before a line
// break and a '.' opening a line are escaped. The result ends with CRLF when the text ends with a
// line break.
std::string EncodeQuotedPrintable(std::string_view text);
// Lenient decoder: soft breaks removed, =XX decoded, a stray '=' kept as is.
std::string DecodeQuotedPrintable(std::string_view encoded);

// Base64 in lines of 76 characters, each ending with CRLF (RFC 2045 §6.8).
std::string EncodeBase64Lines(std::string_view bytes);
// Decodes base64 ignoring whitespace and line breaks; nullopt when malformed.
std::optional<std::string> DecodeBase64Lines(std::string_view encoded);

// UTF-8 text as RFC 2047 "B" encoded-words separated by single spaces; each word holds whole
// characters and stays well below the 75-character limit, so the caller can fold between words.
std::string EncodeWords(std::string_view utf8);
// Decodes every encoded-word (B or Q; UTF-8, US-ASCII and ISO-8859-1 converted to UTF-8) in an
// unfolded header value; whitespace between two adjacent encoded-words is dropped as RFC 2047
// §6.2 requires. Anything that is not an encoded-word is kept as is.
std::string DecodeWords(std::string_view value);

// RFC 2231 value (charset UTF-8, no language) of an extended parameter, percent-encoded; split
// into continuations `name*0*=…; name*1*=…` when long. Returns the parameter text without a
// leading "; ", with "\r\n " folds between continuations.
std::string ExtendedParameter(std::string_view name, std::string_view utf8);
// Percent-decodes the value part of an RFC 2231 extended parameter.
std::string DecodePercent(std::string_view text);

// "Name: value\r\n", folded before spaces so that lines stay within 78 characters where the
// value allows it. Folding only inserts CRLF before existing spaces: unfolding restores `value`.
std::string FoldHeader(std::string_view name, std::string_view value);
// Removes the CRLFs of folded header lines (RFC 5322 §2.2.3).
std::string UnfoldHeader(std::string_view value);

// RFC 5322 date-time in UTC, e.g. "Fri, 27 Nov 2026 22:10:00 +0000".
std::string FormatRfc5322Date(common::TimePoint time);

}  // namespace sealpost::adapters::mail
