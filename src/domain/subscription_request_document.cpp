#include "domain/subscription_request_document.hpp"

#include <algorithm>
#include <array>

namespace sealpost::domain {

namespace {

bool StartsWith(std::span<const std::uint8_t> data, std::span<const std::uint8_t> magic) {
  return data.size() >= magic.size() && std::equal(magic.begin(), magic.end(), data.begin());
}

// "image/JPEG; charset=x" → "image/jpeg".
std::string MediaType(std::string_view claimed) {
  std::string_view s = claimed.substr(0, claimed.find(';'));
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

}  // namespace

std::optional<std::string_view> SniffDocumentContentType(std::span<const std::uint8_t> head) {
  static constexpr std::array<std::uint8_t, 5> kPdf{'%', 'P', 'D', 'F', '-'};
  static constexpr std::array<std::uint8_t, 3> kJpeg{0xFF, 0xD8, 0xFF};
  static constexpr std::array<std::uint8_t, 8> kPng{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  if (StartsWith(head, kPdf)) return kContentTypePdf;
  if (StartsWith(head, kJpeg)) return kContentTypeJpeg;
  if (StartsWith(head, kPng)) return kContentTypePng;
  return std::nullopt;
}

common::Result<std::string> CheckSubscriptionDocument(SubscriptionDocumentKind kind,
                                                      std::span<const std::uint8_t> content,
                                                      std::string_view claimed_content_type,
                                                      std::uint64_t max_bytes) {
  using common::ErrorCode;
  using common::Fail;
  if (content.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the file is empty", "document_empty");
  }
  if (content.size() > max_bytes) {
    return Fail(ErrorCode::kInvalidArgument,
                "the file is larger than " + std::to_string(max_bytes) + " bytes",
                "document_too_large");
  }
  auto sniffed = SniffDocumentContentType(content);
  if (!sniffed) {
    return Fail(ErrorCode::kInvalidArgument, "only PDF, JPEG and PNG files are accepted",
                "document_type_not_accepted");
  }
  std::string claimed = MediaType(claimed_content_type);
  if (!claimed.empty() && claimed != "application/octet-stream" && claimed != *sniffed) {
    return Fail(ErrorCode::kInvalidArgument,
                "the file claims to be " + claimed + " but its content is " + std::string(*sniffed),
                "document_type_mismatch");
  }
  if (kind == SubscriptionDocumentKind::kSignedForm && *sniffed != kContentTypePdf) {
    return Fail(ErrorCode::kInvalidArgument, "the signed approval form must be a PDF",
                "signed_form_not_pdf");
  }
  return std::string(*sniffed);
}

}  // namespace sealpost::domain
