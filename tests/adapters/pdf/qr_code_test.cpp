// The QR code on the first page, rasterised by poppler (pdftoppm) and read back module by module.
// No QR decoder is installed (zbarimg is absent), so the test checks the drawing instead: the
// symbol poppler shows is exactly the matrix libqrencode made for the payload — same size, same
// orientation, every module in place — which is what a phone camera decodes.
#include "adapters/pdf/qr_code.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/pdf/cairo_pdf_renderer.hpp"
#include "pdf_test_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace test_support;

constexpr int kDpi = 300;

struct Box {
  int left = -1;
  int top = -1;
  int right = -1;  // inclusive
};

// The symbol's outer edge: on its first row the two top finder patterns are dark from the first
// to the last module, so that row's extreme dark pixels give left and right.
Box FindSymbol(const GrayImage& image, int from_x) {
  Box box;
  for (int y = 0; y < image.height && box.top < 0; ++y) {
    for (int x = from_x; x < image.width; ++x) {
      if (image.at(x, y) >= 128) continue;
      if (box.top < 0) {
        box.top = y;
        box.left = x;
      }
      box.right = x;
    }
  }
  return box;
}

// Renders a document whose QR code holds `payload` and compares the picture with the matrix.
void ExpectQrMatchesPayload(const std::string& payload) {
  app::PdfDocument document = ApprovalFormDocument();
  document.title = "QR";  // a short title keeps the right half of the title block free
  document.qr_code = app::PdfQrCode{payload, "Scan"};
  auto pdf = CairoPdfRenderer().Render(document);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  auto matrix = EncodeQrCode(payload);
  ASSERT_TRUE(matrix.has_value());

  TempDir dir;
  const std::string path = dir.Write("qr.pdf", *pdf);
  // The top band of page 1 (the title block), in grey levels.
  const std::string prefix = (dir.path() / "page").string();
  const CommandResult raster = RunCommand("pdftoppm -gray -r " + std::to_string(kDpi) +
                                          " -f 1 -l 1 -singlefile -x 0 -y 0 -W 2480 -H 1200 " +
                                          ShellQuote(path) + " " + ShellQuote(prefix));
  ASSERT_EQ(raster.exit_code, 0) << raster.output;
  const GrayImage image = ReadPgm(prefix + ".pgm");
  ASSERT_GT(image.width, 0);

  const Box box = FindSymbol(image, image.width / 2);
  ASSERT_GE(box.top, 0) << "no QR code in the top right of page 1";
  const double module = static_cast<double>(box.right - box.left + 1) / matrix->size;
  // A symbol of `size` modules with quiet zones in a 30 mm square: about 354 px at 300 dpi.
  EXPECT_NEAR(module * (matrix->size + 2 * kQrQuietZoneModules), 30.0 / 25.4 * kDpi, 3.0);

  int mismatches = 0;
  for (int row = 0; row < matrix->size; ++row) {
    for (int column = 0; column < matrix->size; ++column) {
      const int x = box.left + static_cast<int>((column + 0.5) * module);
      const int y = box.top + static_cast<int>((row + 0.5) * module);
      const bool dark = image.at(x, y) < 128;
      if (dark != matrix->Dark(column, row)) ++mismatches;
    }
  }
  EXPECT_EQ(mismatches, 0) << "payload " << payload << ", " << matrix->size << " modules";

  // The quiet zone (4 modules) around the symbol is blank paper.
  for (int i = 2; i <= static_cast<int>(kQrQuietZoneModules * module) - 2; ++i) {
    EXPECT_GE(image.at(box.left - i, box.top + 3), 200);
    EXPECT_GE(image.at(box.left + 3, box.top - i), 200);
  }
  // And the code is a link to the payload.
  EXPECT_NE(pdf->find("(" + payload + ")"), std::string::npos);
}

TEST(QrCodeTest, ShortVerificationUrlIsDrawnModuleForModule) {
  ExpectQrMatchesPayload("https://sealpost.example/v/0e0b76c3");
}

TEST(QrCodeTest, LongerUrlNeedsALargerSymbolAndIsStillExact) {
  const std::string payload =
      "https://sealpost.example/verify/0e0b76c3-7d2a-4c51-9a6e-3f1b2c4d5e6f?evidence="
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  auto small = EncodeQrCode("https://sealpost.example/v/0e0b76c3");
  auto large = EncodeQrCode(payload);
  ASSERT_TRUE(small && large);
  EXPECT_GT(large->size, small->size);
  ExpectQrMatchesPayload(payload);
}

TEST(QrCodeTest, UsesErrorCorrectionLevelM) {
  // Version 1 holds 14 bytes at level M and 17 at level L: 15 bytes need version 2 (25 modules)
  // at M but fit version 1 (21 modules) at L.
  auto fourteen = EncodeQrCode(std::string(14, 'a'));
  auto fifteen = EncodeQrCode(std::string(15, 'a'));
  ASSERT_TRUE(fourteen && fifteen);
  EXPECT_EQ(fourteen->size, 21);
  EXPECT_EQ(fifteen->size, 25);
}

TEST(QrCodeTest, RefusesPayloadsItCannotEncode) {
  EXPECT_FALSE(EncodeQrCode("").has_value());
  EXPECT_FALSE(EncodeQrCode(std::string("a\0b", 3)).has_value());
  auto too_long = EncodeQrCode(std::string(3000, 'x'));
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().code, common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::adapters::pdf
