#include "adapters/pdf/qr_code_drawing.hpp"

namespace sealpost::adapters::pdf {

void DrawQrCode(cairo_t* cr, const QrMatrix& matrix, double x, double y, double side) {
  const double module = side / (matrix.size + 2 * kQrQuietZoneModules);
  const double origin_x = x + kQrQuietZoneModules * module;
  const double origin_y = y + kQrQuietZoneModules * module;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_new_path(cr);
  for (int row = 0; row < matrix.size; ++row) {
    int column = 0;
    while (column < matrix.size) {
      if (!matrix.Dark(column, row)) {
        ++column;
        continue;
      }
      // A run of dark modules becomes one rectangle: fewer path operators, same squares.
      int end = column;
      while (end < matrix.size && matrix.Dark(end, row)) ++end;
      cairo_rectangle(cr, origin_x + column * module, origin_y + row * module,
                      (end - column) * module, module);
      column = end;
    }
  }
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace sealpost::adapters::pdf
