// Page geometry shared by the renderer's parts: A4 portrait in PDF points (1/72 inch, cairo's
// unit on a PDF surface), 20 mm margins on every side. Constants only; thread-safe.
#pragma once

namespace sealpost::adapters::pdf {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double Mm(double millimetres) { return millimetres * kPointsPerMm; }

inline constexpr double kPageWidth = 595.2755905511812;   // 210 mm
inline constexpr double kPageHeight = 841.8897637795276;  // 297 mm
inline constexpr double kMargin = Mm(20.0);
inline constexpr double kContentLeft = kMargin;
inline constexpr double kContentWidth = kPageWidth - 2 * kMargin;
inline constexpr double kContentTop = kMargin;
inline constexpr double kContentBottom = kPageHeight - kMargin;

}  // namespace sealpost::adapters::pdf
