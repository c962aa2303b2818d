#include "adapters/pdf/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace sealpost::adapters::pdf {
namespace {

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

}  // namespace

common::Result<QrMatrix> EncodeQrCode(std::string_view payload) {
  if (payload.empty() || payload.find('\0') != std::string_view::npos) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "a QR payload must be non-empty text without NUL");
  }
  const std::string text(payload);
  // version 0: the smallest symbol that holds the payload; case-sensitive (URLs are).
  QrCodePtr code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    return common::Fail(
        common::ErrorCode::kInvalidArgument,
        "the QR payload is too long to encode (" + std::to_string(text.size()) + " bytes)");
  }
  QrMatrix matrix;
  matrix.size = code->width;
  const auto modules = static_cast<std::size_t>(code->width) * code->width;
  matrix.dark.resize(modules);
  // Bit 0 of each libqrencode byte is the module colour; the other bits describe its role.
  for (std::size_t i = 0; i < modules; ++i) matrix.dark[i] = code->data[i] & 1U;
  return matrix;
}

}  // namespace sealpost::adapters::pdf
