// Drawing a QR matrix on a cairo surface as vector squares, so that it stays sharp at any zoom
// and on any printer. Thread-safety: draws on the caller's cairo context only.
#pragma once

#include <cairo.h>

#include "adapters/pdf/qr_code.hpp"

namespace sealpost::adapters::pdf {

// Draws `matrix` in black in the square (x, y, side × side) that includes the quiet zone; the
// quiet zone itself is left unpainted (white paper). One path filled once: no hairline seams
// between neighbouring modules when a viewer rasterises it.
void DrawQrCode(cairo_t* cr, const QrMatrix& matrix, double x, double y, double side);

}  // namespace sealpost::adapters::pdf
