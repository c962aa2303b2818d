// QR codes for PDFs: a payload encoded by libqrencode (error correction level M, the mode mix
// that gives the smallest symbol) into a module matrix; qr_code_drawing.hpp draws it.
// Thread-safety: pure function (libqrencode serialises its own table setup).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace sealpost::adapters::pdf {

// The symbol without its quiet zone: size × size modules, row by row.
struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> dark;  // 1 = dark module
  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

// The quiet zone the standard asks for around the symbol, in modules.
inline constexpr int kQrQuietZoneModules = 4;

// kInvalidArgument when `payload` is empty, holds a NUL byte or is too long for a QR code.
common::Result<QrMatrix> EncodeQrCode(std::string_view payload);

}  // namespace sealpost::adapters::pdf
