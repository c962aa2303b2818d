// Multipart: a strict parser for multipart/form-data bodies (RFC 7578 over RFC 2046), used for
// uploads (items with attachments). The whole body is in memory already (the server bounds its
// size), so the parser works on a string_view and copies each part out. Anything malformed is an
// kInvalidArgument error with a message fit for a problem+json "detail": we refuse rather than
// guess, since a half-understood upload must never be accepted as a registered item.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "http/headers.hpp"

namespace sealpost::http {

struct MultipartPart {
  std::string name;                     // Content-Disposition name (required, may repeat)
  std::optional<std::string> filename;  // present for file inputs (may be "" if none chosen)
  std::string content_type;             // part Content-Type as sent; "" when absent
  Headers headers;                      // all part header fields
  std::string body;                     // raw bytes (no transfer decoding: RFC 7578 §4.7)
};

struct MultipartForm {
  std::vector<MultipartPart> parts;

  // First part named `name`, or nullptr.
  const MultipartPart* Find(std::string_view name) const;
  std::vector<const MultipartPart*> FindAll(std::string_view name) const;
};

struct MultipartLimits {
  std::size_t max_parts = 256;
  std::size_t max_part_header_bytes = 8 * 1024;  // per part, all header lines together
};

// Extracts and validates the boundary parameter of a multipart/form-data Content-Type.
common::Result<std::string> MultipartBoundary(std::string_view content_type);

// Parses `body` sent with header `content_type`.
common::Result<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body,
                                             const MultipartLimits& limits = {});

}  // namespace sealpost::http
