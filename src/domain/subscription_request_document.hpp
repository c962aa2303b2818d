// Which uploads a subscription request accepts (PRODUCT.md §3 step 4, issue "bad input"): PDF, JPEG
// or PNG, recognised by their first bytes — never by the file name or the type the browser
// claims — and no larger than the caller's limit. The signed approval form must be a PDF (its
// signature is checked); a scan of the posted paper may be any accepted type. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "domain/subscription_request.hpp"

namespace sealpost::domain {

inline constexpr std::string_view kContentTypePdf = "application/pdf";
inline constexpr std::string_view kContentTypeJpeg = "image/jpeg";
inline constexpr std::string_view kContentTypePng = "image/png";

// The accepted content type the bytes start like, or std::nullopt.
std::optional<std::string_view> SniffDocumentContentType(std::span<const std::uint8_t> head);

// The content type to record for an upload of `kind`: kInvalidArgument when it is empty, larger
// than `max_bytes`, not a PDF/JPEG/PNG, not what `claimed_content_type` says (when given), or not a
// PDF for the signed form.
common::Result<std::string> CheckSubscriptionDocument(SubscriptionDocumentKind kind,
                                                      std::span<const std::uint8_t> content,
                                                      std::string_view claimed_content_type,
                                                      std::uint64_t max_bytes);

}  // namespace sealpost::domain
