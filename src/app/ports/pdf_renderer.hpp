// PdfRenderer: turns a small, already-localised document model into PDF bytes (A4, one column,
// text flowing over as many pages as needed, "n / N" page numbers in the footer). Every feature
// that prints (evidence certificates, company approval forms, invoices and receipts, address
// pages) builds a PdfDocument from its own data and its own message catalogue: the renderer does
// no translation, no date or number formatting and no business logic; it only lays out finished
// UTF-8 strings. Text that is not valid UTF-8 is refused (kInvalidArgument).
// The bytes are unsigned; seal them with app::PdfSealer when they must be tamper-evident.
// Implementations are thread-safe: Render may be called from several workers at once.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

// A section title. Level 1 is a section, level 2 a sub-section. A heading is never left alone at
// the bottom of a page: it moves to the next page with what follows it.
struct PdfHeading {
  std::string text;
  int level = 1;
};

// Running text, wrapped to the page width; splits between lines across pages. `small` prints it
// in the size of notes and legal mentions.
struct PdfParagraph {
  std::string text;
  bool small = false;
};

// Label → value rows (who, what, when): the label column is narrow, the value wraps.
struct PdfKeyValueRow {
  std::string label;
  std::string value;
};
struct PdfKeyValueTable {
  std::vector<PdfKeyValueRow> rows;
};

// A table with column headers. Widths are relative (weights, not millimetres). A `monospace`
// column suits identifiers and digests; every cell wraps, long words (a hex SHA-256) between any
// two characters. A table may span pages: rows are never split, headers repeat on each page.
struct PdfTableColumn {
  std::string header;
  double relative_width = 1.0;
  bool monospace = false;
};
struct PdfTable {
  std::vector<PdfTableColumn> columns;
  std::vector<std::vector<std::string>> rows;  // each row has one cell per column
};

// Vertical white space; dropped at the top of a page.
struct PdfSpacer {
  double height_mm = 5.0;
};

// A box in which someone signs: drawn as a frame with `caption` above it and `signer_name` under
// it, and made an empty PDF signature field named `field_name` (unique in the document), so that
// a signing application (e.g. with a Belgian eID) signs exactly there and a verifier can tell
// which field was signed.
struct PdfSignatureBox {
  std::string field_name;  // 1 to 64 ASCII letters, digits, '-' and '_'
  std::string caption;     // e.g. "Signature of the legal representative"
  std::string signer_name;
  double width_mm = 80.0;
  double height_mm = 30.0;
};

using PdfBlock =
    std::variant<PdfHeading, PdfParagraph, PdfKeyValueTable, PdfTable, PdfSpacer, PdfSignatureBox>;

// Document information shown by viewers (File → Properties) and kept by archives.
struct PdfMetadata {
  std::string author;   // e.g. the provider's legal name
  std::string subject;  // one line
  std::string keywords;
  common::TimePoint creation_time;  // written in UTC; the same model gives the same bytes
};

// A QR code printed at the top right of the first page (error correction M), with `caption`
// under it; the code and the caption are also a link to `payload`.
struct PdfQrCode {
  std::string payload;  // typically the verification URL
  std::string caption;
};

struct PdfDocument {
  std::string title;     // first-page heading and the PDF /Title
  std::string subtitle;  // under the title; may be empty
  std::string language;  // BCP 47 tag for /Lang, e.g. "nl-BE", "fr-BE"
  PdfMetadata metadata;
  std::vector<PdfBlock> blocks;
  std::string footer;  // on every page, left of "n / N"; may be empty
  std::optional<PdfQrCode> qr_code;
};

class PdfRenderer {
 public:
  virtual ~PdfRenderer() = default;
  // The PDF bytes. kInvalidArgument for text that is not UTF-8, a table row whose cell count
  // differs from its columns, a bad signature field name or a QR payload too long to encode.
  [[nodiscard]] virtual common::Result<std::string> Render(const PdfDocument& document) = 0;
};

}  // namespace sealpost::app
